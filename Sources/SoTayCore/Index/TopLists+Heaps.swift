import Foundation

extension TopLists {
    /// The best keys offered to each list, and how many each was offered.
    ///
    /// The pass makes some 37 million offers at 100 MB, to about 190,000 lists per thread,
    /// and most are turned away: a list keeps its best 30 of hundreds or thousands. Each
    /// list's floor (below it an offer cannot make the list) sits beside its count in one flat
    /// array, so turning an offer away touches one cache line.
    ///
    /// The keys kept are not a heap but a buffer of up to one and a half lists: a key above
    /// the floor is appended, and when the buffer is full it is sorted once and cut back to a
    /// list, whose least key becomes the floor. Bounded heaps sifted every key they took
    /// (some fifteen million) through five levels of a separate array each: a fifth of the
    /// pass, and, with a growing array per list, much of its allocation.
    ///
    /// Every list's keys live in one block of memory (``KeyStore``), in slots of 4, 8, 16,
    /// 32 keys and then a whole buffer, taken as a list grows and reused once it moves on.
    struct Heaps {
        private struct Head {
            var floor: UInt64 = 0
            var seen: Int32 = 0
            var count: Int32 = 0
            var capacity: Int32 = 0
            var start: Int32 = 0
        }
        private var heads: [Head] = []
        private let store: KeyStore
        let limit: Int
        /// Keys held before the buffer is cut back to `limit`.
        private let buffer: Int

        init(count: Int = 0, keeping limit: Int) {
            precondition(limit > 0)
            self.limit = limit
            buffer = limit + max(1, limit / 2)
            store = KeyStore(largest: buffer)
            append(count)
        }

        var count: Int { heads.count }

        mutating func append(_ count: Int) {
            heads.append(contentsOf: repeatElement(Head(), count: count))
        }

        /// How many keys `heap` was offered.
        func seen(_ heap: Int) -> Int { Int(heads[heap].seen) }

        /// The best keys offered to `heap`, at most `limit`, best first.
        func keys(_ heap: Int) -> [UInt64] {
            let head = heads[heap]
            let kept = UnsafeBufferPointer(start: store.base + Int(head.start), count: Int(head.count))
            return Array(kept.sorted(by: >).prefix(limit))
        }

        /// Row ids, best first.
        func ranked(_ heap: Int) -> [UInt32] { Self.ids(keys(heap), limit: limit) }

        /// Row ids, best first, of the keys offered to `heap` here and to `theirs` in `other`
        /// (the same lists, offered other rows), and how many keys both were offered.
        func ranked(_ heap: Int?, with other: Heaps, _ theirs: Int?) -> (ids: [UInt32], seen: Int) {
            let mine = heap.map(keys) ?? []
            let others = theirs.map(other.keys) ?? []
            let seen = (heap.map(seen) ?? 0) + (theirs.map(other.seen) ?? 0)
            return (Self.ids(mine + others, limit: limit), seen)
        }

        private static func ids(_ keys: [UInt64], limit: Int) -> [UInt32] {
            keys.sorted(by: >).prefix(limit).map { UInt32(TopLists.maximumID - ($0 & TopLists.maximumID)) }
        }

        /// Keys are never zero (row ids stay below ``TopLists/maximumID``), so a list whose
        /// floor is still zero takes every key.
        mutating func offer(_ key: UInt64, to heap: Int) {
            let (store, limit, buffer) = (store, limit, buffer)
            heads.withUnsafeMutableBufferPointer { heads in
                heads[heap].seen += 1
                guard key > heads[heap].floor else { return }
                var head = heads[heap]
                if head.count == head.capacity {
                    if head.capacity == buffer {
                        // Full: the best `limit` stay, in order, and the least of them is
                        // the floor; the new key may now fall below it.
                        var kept = UnsafeMutableBufferPointer(start: store.base + Int(head.start), count: buffer)
                        kept.sort(by: >)
                        head.count = Int32(limit)
                        head.floor = kept[limit - 1]
                        guard key > head.floor else {
                            heads[heap] = head
                            return
                        }
                    } else {
                        let slot = store.grow(from: Int(head.start), capacity: Int(head.capacity))
                        head.start = Int32(slot.start)
                        head.capacity = Int32(slot.capacity)
                    }
                }
                store.base[Int(head.start) + Int(head.count)] = key
                head.count += 1
                heads[heap] = head
            }
        }
    }

    /// The memory every list's keys are kept in: one block, grown by `realloc` (which moves
    /// a large block by remapping its pages, without copying them or holding both), and cut
    /// into slots by size, each size with the slots lists have left behind.
    final class KeyStore {
        private(set) var base: UnsafeMutablePointer<UInt64>
        private var capacity = 1 << 16
        private var used = 0
        private let largest: Int
        /// Slots left behind, by size: `largest` first, then 4, 8, 16 and on.
        private var free: [[Int]] = Array(repeating: [], count: Int.bitWidth)

        init(largest: Int) {
            self.largest = largest
            base = malloc(capacity * MemoryLayout<UInt64>.stride)!.assumingMemoryBound(to: UInt64.self)
        }

        deinit { Foundation.free(base) }

        /// Keys in use, leftover slots included.
        var keys: Int { used }

        private func sizeClass(_ size: Int) -> Int { size == largest ? 0 : size.trailingZeroBitCount }

        /// A slot for a list grown past `capacity` keys (0 for a new one): twice as many, at
        /// least 4, at most `largest`. The list's `count` keys at `start` move there, and
        /// their slot is left for others.
        func grow(from start: Int, capacity: Int) -> (start: Int, capacity: Int) {
            let size = min(max(capacity * 2, 4), largest)
            let slot: Int
            if let reused = free[sizeClass(size)].popLast() {
                slot = reused
            } else {
                if used + size > self.capacity {
                    self.capacity *= 2
                    base = realloc(base, self.capacity * MemoryLayout<UInt64>.stride)!
                        .assumingMemoryBound(to: UInt64.self)
                }
                slot = used
                used += size
            }
            if capacity > 0 {
                (base + slot).update(from: base + start, count: capacity)
                free[sizeClass(capacity)].append(start)
            }
            return (slot, size)
        }
    }
}
