extension TopLists {
    /// What the lists' pass counts in one section, reused section after section: each term's
    /// frequency (the title's tokens weighing more), and how often each pair of frequent terms
    /// stands together.
    ///
    /// In memory of its own rather than Swift arrays and tables held by the collector: the
    /// pass writes here for every token of the library, and each write to such an array
    /// first checked that the array was not shared (3% of a 100 MB build's CPU time). The
    /// collector also reads each pair's place in a loop of its own (`pairPlace`).
    final class RowCounts {
        /// Each term's frequency in the section; zero for the terms it does not hold.
        let frequency: UnsafeMutablePointer<Double>
        /// Each term's score in the section, set by the collector for the terms it holds.
        let score: UnsafeMutablePointer<Double>
        /// The terms the section holds, in the order first met.
        let touched: UnsafeMutablePointer<Int32>
        private(set) var touchedCount = 0
        /// The pairs the section holds, in the order first met, and their frequencies.
        private(set) var pairs: UnsafeMutablePointer<UInt64>
        private(set) var pairFrequency: UnsafeMutablePointer<Double>
        /// Scratch for the collector: each pair's place among its lists.
        private(set) var pairPlace: UnsafeMutablePointer<Int32>
        private(set) var pairCount = 0
        private var pairCapacity = 256
        /// Open addressing over the pairs: each slot the pair's key and its place in `pairs`,
        /// and each pair's slot, so that the section's pairs are cleared without a search.
        private var keys: UnsafeMutablePointer<UInt64>
        private var places: UnsafeMutablePointer<Int32>
        private var slots: UnsafeMutablePointer<Int32>
        private var mask = 511
        private static let empty = UInt64.max
        /// Each listed prefix's frequency in the section (``PrefixLists``): the sum of the
        /// frequencies of the terms it begins. Zero for those it does not hold.
        let prefixFrequency: UnsafeMutablePointer<Double>
        /// The prefixes the section holds, in the order first met.
        let prefixTouched: UnsafeMutablePointer<Int32>
        private(set) var prefixCount = 0

        init(terms: Int, prefixes: Int = 0) {
            prefixFrequency = .allocate(capacity: max(prefixes, 1))
            prefixFrequency.initialize(repeating: 0, count: max(prefixes, 1))
            prefixTouched = .allocate(capacity: max(prefixes, 1))
            frequency = .allocate(capacity: max(terms, 1))
            frequency.initialize(repeating: 0, count: max(terms, 1))
            score = .allocate(capacity: max(terms, 1))
            touched = .allocate(capacity: max(terms, 1))
            pairs = .allocate(capacity: pairCapacity)
            pairFrequency = .allocate(capacity: pairCapacity)
            slots = .allocate(capacity: pairCapacity)
            pairPlace = .allocate(capacity: pairCapacity)
            keys = .allocate(capacity: mask + 1)
            keys.initialize(repeating: Self.empty, count: mask + 1)
            places = .allocate(capacity: mask + 1)
        }

        deinit {
            for pointer in [
                UnsafeMutableRawPointer(frequency), .init(score), .init(touched), .init(pairs), .init(pairFrequency),
                .init(slots), .init(pairPlace), .init(prefixFrequency), .init(prefixTouched),
            ] {
                pointer.deallocate()
            }
            keys.deallocate()
            places.deallocate()
        }

        /// Counts the tokens of a title or body, each weighing `weight`; returns how many
        /// there are. Pairs are counted for the terms `frequent` marks; a token that is not
        /// one of FTS5's terms still counts for its prefixes.
        func scan(
            _ text: UnsafeBufferPointer<UInt8>, weight: Double, ids: FlatTable.Lookup,
            frequent: UnsafeBufferPointer<Bool>, prefixes: PrefixCounts
        ) -> Int {
            var tokens = 0
            var previous: Int32 = -1
            Folding.scan(text) { folded, _, _ in
                tokens += 1
                guard let term = ids[TopLists.hash(folded)] else {
                    prefixes.add(folded)
                    previous = -1
                    return
                }
                add(term: term, weight: weight)
                if previous >= 0, frequent[Int(previous)], frequent[Int(term)] {
                    add(pair: UInt64(previous) << 32 | UInt64(term), weight: weight)
                }
                previous = term
            }
            return tokens
        }

        /// Counts a section's terms from their numbers (``SectionTerms``): varints, the first
        /// `titleTokens` of them the title's. Every token is one of FTS5's terms.
        func count(
            _ numbers: UnsafeBufferPointer<UInt8>, titleTokens: Int, place: UnsafeBufferPointer<Int32>,
            frequent: UnsafeBufferPointer<Bool>
        ) {
            var previous: Int32 = -1
            var weight = Schema.titleWeight
            var left = titleTokens
            var i = 0
            while i < numbers.count {
                let number = Varint.read(numbers, at: &i)
                if left == 0 {
                    // Pairs do not span the title and the body, as FTS5 reads them apart.
                    weight = Schema.bodyWeight
                    previous = -1
                }
                left -= 1
                let term = place[Int(number)]
                add(term: term, weight: weight)
                if previous >= 0, frequent[Int(previous)], frequent[Int(term)] {
                    add(pair: UInt64(previous) << 32 | UInt64(term), weight: weight)
                }
                previous = term
            }
        }

        @inline(__always)
        func add(term: Int32, weight: Double) {
            Self.add(weight, at: term, to: frequency, touched: touched, count: &touchedCount)
        }

        /// Adds `amount` to a counter, noting the counter the first time the section sets it.
        @inline(__always)
        private static func add(
            _ amount: Double, at index: Int32, to values: UnsafeMutablePointer<Double>,
            touched: UnsafeMutablePointer<Int32>, count: inout Int
        ) {
            if values[Int(index)] == 0 {
                touched[count] = index
                count += 1
            }
            values[Int(index)] += amount
        }

        /// Adds an occurrence of the pair `first << 32 | second`.
        @inline(__always)
        func add(pair: UInt64, weight: Double) {
            var slot = FlatTable.home(pair, mask)
            while true {
                let key = keys[slot]
                if key == pair {
                    pairFrequency[Int(places[slot])] += weight
                    return
                }
                if key == Self.empty { break }
                slot = (slot + 1) & mask
            }
            if pairCount == pairCapacity { growPairs() }
            keys[slot] = pair
            places[slot] = Int32(pairCount)
            pairs[pairCount] = pair
            pairFrequency[pairCount] = weight
            slots[pairCount] = Int32(slot)
            pairCount += 1
            if pairCount * 2 > mask + 1 { growTable() }
        }

        /// Adds a term's frequency to a prefix it begins with.
        @inline(__always)
        func add(prefix: Int32, frequency: Double) {
            Self.add(frequency, at: prefix, to: prefixFrequency, touched: prefixTouched, count: &prefixCount)
        }

        /// Forgets the section, touching only what it set.
        func reset() {
            for n in 0..<touchedCount { frequency[Int(touched[n])] = 0 }
            touchedCount = 0
            for n in 0..<prefixCount { prefixFrequency[Int(prefixTouched[n])] = 0 }
            prefixCount = 0
            for n in 0..<pairCount { keys[Int(slots[n])] = Self.empty }
            pairCount = 0
        }

        private func growPairs() {
            pairs = Self.moved(pairs, count: pairCount, to: 2 * pairCapacity)
            pairFrequency = Self.moved(pairFrequency, count: pairCount, to: 2 * pairCapacity)
            slots = Self.moved(slots, count: pairCount, to: 2 * pairCapacity)
            pairPlace = Self.moved(pairPlace, count: 0, to: 2 * pairCapacity)
            pairCapacity *= 2
        }

        private static func moved<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int)
            -> UnsafeMutablePointer<T>
        {
            let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
            new.moveInitialize(from: old, count: count)
            old.deallocate()
            return new
        }

        private func growTable() {
            keys.deallocate()
            places.deallocate()
            mask = mask * 2 + 1
            keys = .allocate(capacity: mask + 1)
            keys.initialize(repeating: Self.empty, count: mask + 1)
            places = .allocate(capacity: mask + 1)
            for n in 0..<pairCount {
                var slot = FlatTable.home(pairs[n], mask)
                while keys[slot] != Self.empty { slot = (slot + 1) & mask }
                keys[slot] = pairs[n]
                places[slot] = Int32(n)
                slots[n] = Int32(slot)
            }
        }
    }
}
