import Foundation
import GRDB

/// How many sections hold a word that begins with each one- or two-letter prefix, counted
/// while the top lists are made and kept beside them (`top_list` key "t*", rows empty).
///
/// BM25 needs the number of rows a prefix matches for its idf. FTS5 counts them by merging the
/// lists of every word with that prefix: for `t*`, a third of the vocabulary, 180 ms at 100 MB,
/// paid again by every search that ends in a short prefix ("bat thay t*"). Longer prefixes
/// match few words and are quick for FTS5. Prefixes are folded text (``Folding``): letters
/// a–z and digits; a word that starts with another letter counts towards none.
struct PrefixCounts {
    private static let symbols = 36
    /// Slots: the one-letter prefixes, then the two-letter ones.
    private static let slots = symbols + symbols * symbols

    private var rows = [Int](repeating: 0, count: slots)
    private let section = Section()

    /// The prefixes seen in the section being read. Memory of its own: every word of every
    /// section marks two, and each write to a Swift array first checked that it was not shared.
    /// Copies share it; only the collector that made it reads sections.
    private final class Section {
        let seen = UnsafeMutablePointer<Bool>.allocate(capacity: PrefixCounts.slots)
        let touched = UnsafeMutablePointer<Int16>.allocate(capacity: PrefixCounts.slots)
        var count = 0

        init() { seen.initialize(repeating: false, count: PrefixCounts.slots) }

        deinit {
            seen.deallocate()
            touched.deallocate()
        }
    }

    /// The key a prefix's count is kept under.
    static func key(_ prefix: String) -> String { prefix + "*" }

    private static func code(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x61...0x7A: Int(byte - 0x61)
        case 0x30...0x39: 26 + Int(byte - 0x30)
        default: nil
        }
    }

    private static func symbol(_ code: Int) -> String {
        String(UnicodeScalar(UInt8(code < 26 ? 0x61 + code : 0x30 + code - 26)))
    }

    /// A word's slots: its one- and two-letter prefixes, -1 where it has none.
    struct Slots {
        var first: Int16
        var second: Int16
    }

    static func slots(_ folded: UnsafeBufferPointer<UInt8>) -> Slots {
        guard let first = folded.first.flatMap(Self.code) else { return Slots(first: -1, second: -1) }
        let second = folded.count > 1 ? Self.code(folded[1]).map { Self.symbols + first * Self.symbols + $0 } : nil
        return Slots(first: Int16(first), second: Int16(second ?? -1))
    }

    /// Counts a folded token of the section being read.
    func add(_ folded: UnsafeBufferPointer<UInt8>) { mark(Self.slots(folded)) }

    /// Counts a word of the section being read, by its slots.
    func mark(_ slots: Slots) {
        if slots.first >= 0 { mark(Int(slots.first)) }
        if slots.second >= 0 { mark(Int(slots.second)) }
    }

    @inline(__always)
    private func mark(_ slot: Int) {
        guard !section.seen[slot] else { return }
        section.seen[slot] = true
        section.touched[section.count] = Int16(slot)
        section.count += 1
    }

    /// Ends a section: each prefix it holds counts it once.
    mutating func endSection() {
        let section = self.section
        rows.withUnsafeMutableBufferPointer { rows in
            for n in 0..<section.count {
                let slot = Int(section.touched[n])
                rows[slot] += 1
                section.seen[slot] = false
            }
        }
        section.count = 0
    }

    /// Adds the counts of sections another collector read.
    mutating func merge(_ other: PrefixCounts) {
        for slot in rows.indices { rows[slot] += other.rows[slot] }
    }

    /// Writes every prefix some section holds, through `insert(key, matches, rows, phraseRows,
    /// adjacentRows)`, but those in `listed`, which have lists (``TopLists/PrefixLists``).
    func write(_ insert: RowInsert, except listed: Set<String> = []) throws {
        var lists = TopLists.ListRows()
        for (slot, count) in rows.enumerated() where count > 0 {
            let prefix =
                slot < Self.symbols
                ? Self.symbol(slot)
                : Self.symbol((slot - Self.symbols) / Self.symbols) + Self.symbol((slot - Self.symbols) % Self.symbols)
            guard !listed.contains(prefix) else { continue }
            lists.append(Self.key(prefix), matches: count, rows: { _ in })
        }
        try lists.insert(insert)
    }
}
