/// A hash table from 64-bit keys to 32-bit values, open addressing with linear probing.
///
/// Building the top lists looks up every token of the library and every pair of syllables:
/// tens of millions of look-ups, where `Dictionary`'s seeded SipHash and its per-row clearing
/// cost more than the scoring. The keys are hashes or packed ids already, so a multiply
/// spreads them enough. A key and its value share a slot: a look-up in a table too large for
/// the cache then misses it once, not twice.
struct FlatTable {
    private static let empty = UInt64.max
    private struct Slot {
        var key: UInt64
        var value: Int32
    }
    private var slots: [Slot]
    /// Slots in use, so clearing touches only them.
    private var used: [Int] = []

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(key: Self.empty, value: 0), count: size)
    }

    var count: Int { used.count }

    var entries: [(key: UInt64, value: Int32)] { used.map { (slots[$0].key, slots[$0].value) } }

    private func slot(_ key: UInt64) -> (index: Int, found: Bool) { withLookup { $0.slot(key) } }

    subscript(key: UInt64) -> Int32? {
        get { withLookup { $0[key] } }
        set {
            precondition(key != Self.empty, "the all-ones key marks empty slots")
            guard let newValue else { preconditionFailure("FlatTable does not remove single keys") }
            let (index, found) = slot(key)
            slots[index].value = newValue
            guard !found else { return }
            slots[index].key = key
            used.append(index)
            if used.count * 2 > slots.count { grow() }
        }
    }

    /// Look-ups through a pointer to the slots, for a loop that makes millions of them: no
    /// copy of the table, no reference counting, no bounds checks.
    struct Lookup {
        private let slots: UnsafeBufferPointer<Slot>

        fileprivate init(_ slots: UnsafeRawBufferPointer) { self.slots = slots.assumingMemoryBound(to: Slot.self) }

        @inline(__always)
        subscript(key: UInt64) -> Int32? {
            let (index, found) = slot(key)
            return found ? slots[index].value : nil
        }

        /// The key's slot, or the empty one where it would go.
        @inline(__always)
        fileprivate func slot(_ key: UInt64) -> (index: Int, found: Bool) {
            let mask = slots.count - 1
            var index = FlatTable.home(key, mask)
            while true {
                let here = slots[index].key
                if here == key { return (index, true) }
                if here == FlatTable.empty { return (index, false) }
                index = (index + 1) & mask
            }
        }
    }

    /// A key's first slot in a table of `mask + 1` slots, by the multiply above (Fibonacci
    /// hashing); ``TopLists/RowCounts`` places its pairs by it too.
    @inline(__always)
    static func home(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    func withLookup<R>(_ body: (Lookup) throws -> R) rethrows -> R {
        try slots.withUnsafeBytes { try body(Lookup($0)) }
    }

    mutating func removeAll() {
        for index in used { slots[index].key = Self.empty }
        used.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let old = entries
        self = FlatTable(capacity: slots.count)
        for (key, value) in old { self[key] = value }
    }
}
