import Foundation

extension TopLists {
    /// The best keys offered to each list, and how many each was offered.
    ///
    /// The pass makes some 37 million offers at 100 MB, to about 170,000 lists per thread,
    /// and most are turned away: a list keeps its best 30 of hundreds or thousands. What an
    /// offer reads, the list's floor (below it an offer cannot make the list) and its counts,
    /// is 16 bytes in a block aligned to cache lines, so turning an offer away costs one
    /// cache miss, and a pair's two lists, offered the same rows, share theirs.
    ///
    /// The keys kept are not a heap but a buffer of up to one and a half lists: a key above
    /// the floor is appended, and when the buffer is full it is cut back to its best (a
    /// selection, not a sort), whose least key becomes the floor. Bounded heaps sifted every key they took
    /// (some fifteen million) through five levels of a separate array each: a fifth of the
    /// pass, and, with a growing array per list, much of its allocation.
    ///
    /// Every list's keys live in one block of memory (``Storage``), in slots of 4, 8, 16,
    /// 32 keys and then a whole buffer, taken as a list grows and reused once it moves on.
    /// Copies share that storage: a copy is for reading, once the offers are done (as the
    /// second thread's lists are handed back).
    struct BestKeys {
        private let storage: Storage

        init(count: Int = 0, keeping limit: Int) {
            precondition(limit > 0)
            storage = Storage(limit: limit)
            append(count)
        }

        var limit: Int { storage.limit }

        var count: Int { storage.lists }

        mutating func append(_ count: Int) { storage.append(count) }

        /// How many keys `list` was offered.
        func seen(_ list: Int) -> Int { Int(storage.heads[list].seen) }

        /// The best keys offered to `list`, at most `limit`, best first.
        func keys(_ list: Int) -> [UInt64] { Array(storage.held(list).sorted(by: >).prefix(limit)) }

        /// Row ids, best first.
        func ranked(_ list: Int) -> [UInt32] { ranked(list, with: self, nil).ids }

        /// Row ids, best first, of the keys offered to `list` here and to `theirs` in `other`
        /// (the same list, offered other rows), and how many keys both were offered.
        func ranked(_ list: Int?, with other: BestKeys, _ theirs: Int?) -> (ids: [UInt32], seen: Int) {
            var keys: [UInt64] = []
            keys.reserveCapacity(2 * storage.buffer)
            if let list { keys.append(contentsOf: storage.held(list)) }
            if let theirs { keys.append(contentsOf: other.storage.held(theirs)) }
            keys.sort(by: >)
            let seen = (list.map(seen) ?? 0) + (theirs.map(other.seen) ?? 0)
            return (keys.prefix(limit).map { UInt32(TopLists.maximumID - ($0 & TopLists.maximumID)) }, seen)
        }

        /// Keys are never zero (row ids stay below ``TopLists/maximumID``), so a list whose
        /// floor is still zero takes every key.
        @inline(__always)
        mutating func offer(_ key: UInt64, to list: Int) {
            let head = storage.heads + list
            head.pointee.seen &+= 1
            if key > head.pointee.floor { storage.keep(key, in: list) }
        }
    }

    /// What ``BestKeys`` keeps: each list's head, and every list's keys in one block of memory,
    /// grown by `realloc` (which moves a large block by remapping its pages, without copying
    /// them or holding both), cut into slots by size, each size with the slots lists have
    /// left behind.
    final class Storage {
        struct Head {
            var floor: UInt64 = 0
            var seen: UInt32 = 0
            /// Keys held; the top bit says the list's slot is a whole buffer.
            var count: UInt32 = 0
        }
        private static let whole: UInt32 = 1 << 31

        let limit: Int
        /// Keys held before a list's buffer is cut back to `limit`.
        let buffer: Int
        // Read on every offer: no exclusivity checks (only the owning thread touches them).
        @exclusivity(unchecked) private(set) var heads: UnsafeMutablePointer<Head>
        private(set) var lists = 0
        private var headCapacity = 1024
        /// Where each list's slot begins, read only when a key is kept.
        @exclusivity(unchecked) private var starts: [Int32] = []
        @exclusivity(unchecked) private var keys: UnsafeMutablePointer<UInt64>
        private var keyCapacity = 1 << 16
        private var used = 0
        /// Slots left behind, by size: whole buffers first, then 4, 8, 16 and on.
        private var free: [[Int32]] = Array(repeating: [], count: Int.bitWidth)

        init(limit: Int) {
            self.limit = limit
            buffer = limit + max(1, limit / 2)
            heads = Self.allocateHeads(headCapacity)
            keys = malloc(keyCapacity * MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
        }

        deinit {
            heads.deallocate()
            Foundation.free(keys)
        }

        private static func allocateHeads(_ count: Int) -> UnsafeMutablePointer<Head> {
            UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Head>.stride, alignment: 64)
                .bindMemory(to: Head.self, capacity: count)
        }

        func append(_ count: Int) {
            if lists + count > headCapacity {
                while lists + count > headCapacity { headCapacity *= 2 }
                let grown = Self.allocateHeads(headCapacity)
                grown.moveInitialize(from: heads, count: lists)
                heads.deallocate()
                heads = grown
            }
            (heads + lists).initialize(repeating: Head(), count: count)
            starts.append(contentsOf: repeatElement(0, count: count))
            lists += count
        }

        /// The keys list `n` holds: its best, and, when its buffer is not full, some below.
        func held(_ n: Int) -> UnsafeBufferPointer<UInt64> {
            UnsafeBufferPointer(start: keys + Int(starts[n]), count: Int(heads[n].count & ~Self.whole))
        }

        /// Appends a key above the list's floor.
        func keep(_ key: UInt64, in n: Int) {
            var head = heads[n]
            var count = Int(head.count & ~Self.whole)
            let whole = head.count & Self.whole != 0
            let capacity = whole ? buffer : count == 0 ? 0 : max(4, count.nextPowerOfTwo)
            if count == capacity {
                if whole {
                    // Full: the best `limit` stay, in no order (readers sort), and the least
                    // of them is the floor; the new key may now fall below it.
                    head.floor = Self.selectBest(limit, of: keys + Int(starts[n]), buffer)
                    count = limit
                } else {
                    let size = min(max(capacity * 2, 4), buffer)
                    starts[n] = take(size, moving: Int(starts[n]), capacity)
                    if size == buffer { head.count |= Self.whole }
                }
            }
            if key > head.floor {
                keys[Int(starts[n]) + count] = key
                count += 1
            }
            head.count = head.count & Self.whole | UInt32(count)
            heads[n] = head
        }

        /// Moves the `best` greatest of the `count` distinct keys at `keys` to the front, in no
        /// particular order, and returns the least of them.
        ///
        /// A selection (Hoare's), not a sort: cutting a full buffer back is done some hundreds
        /// of thousands of times at 100 MB, and sorting all of it each time was a fifteenth of
        /// the pass.
        static func selectBest(_ best: Int, of keys: UnsafeMutablePointer<UInt64>, _ count: Int) -> UInt64 {
            precondition(best > 0 && best <= count)
            var (low, high) = (0, count - 1)
            let target = best - 1
            while low < high {
                // The median of three as pivot: keys often arrive in near order.
                let middle = low + (high - low) / 2
                var (a, b, c) = (keys[low], keys[middle], keys[high])
                if a < b { swap(&a, &b) }
                if b < c { swap(&b, &c) }
                if a < b { swap(&a, &b) }
                let pivot = b
                var (i, j) = (low, high)
                while i <= j {
                    while keys[i] > pivot { i += 1 }
                    while keys[j] < pivot { j -= 1 }
                    if i <= j {
                        (keys[i], keys[j]) = (keys[j], keys[i])
                        i += 1
                        j -= 1
                    }
                }
                // Now low...j ≥ pivot ≥ i...high, and any between equal the pivot.
                if target <= j {
                    high = j
                } else if target >= i {
                    low = i
                } else {
                    break
                }
            }
            return keys[target]
        }

        private func sizeClass(_ size: Int) -> Int { size == buffer ? 0 : size.trailingZeroBitCount }

        /// A slot of `size` keys, holding the `count` keys at `start`, whose slot (of `count`
        /// keys) is left for others.
        private func take(_ size: Int, moving start: Int, _ count: Int) -> Int32 {
            let slot: Int32
            if let reused = free[sizeClass(size)].popLast() {
                slot = reused
            } else {
                if used + size > keyCapacity {
                    keyCapacity *= 2
                    keys = realloc(keys, keyCapacity * MemoryLayout<UInt64>.stride)!.assumingMemoryBound(
                        to: UInt64.self)
                }
                slot = Int32(used)
                used += size
            }
            if count > 0 {
                (keys + Int(slot)).update(from: keys + start, count: count)
                free[sizeClass(count)].append(Int32(start))
            }
            return slot
        }
    }
}

extension Int {
    /// The least power of two not below this positive number.
    fileprivate var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
