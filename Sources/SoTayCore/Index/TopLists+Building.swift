import Foundation
import GRDB

/// Making the lists (``TopLists``): one pass over every section after a build, bounded heaps,
/// and the encodings the lists are stored in.
extension TopLists {
    /// Brings the lists up to date after a build that added or removed `changedRows`
    /// sections: recomputed after a full build or once the changes since the last
    /// computation reach an eighth of the library, else kept, the changes being merged in by
    /// searches (``rows(for:limit:_:)``), scored with the index's statistics of the day.
    static func refresh(
        _ db: Database, changedRows: Int, full: Bool, parameters: Parameters,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws {
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM section") ?? 0
        if !full, var basis = try Basis.load(db), (basis.changed + changedRows) * 8 <= rows {
            basis.changed += changedRows
            try basis.save(db)
        } else {
            try rebuild(db, rows: rows, parameters: parameters, progress: progress)
        }
    }

    /// Replaces every list with ones computed from the index as it now stands.
    static func rebuild(
        _ db: Database, rows: Int, parameters: Parameters, progress: ((_ done: Int, _ total: Int) -> Void)?
    ) throws {
        try db.execute(sql: "DELETE FROM top_list")
        let statistics = try Statistics(db, rows: rows, parameters: parameters)
        let watermark = try Int64.fetchOne(db, sql: "SELECT max(id) FROM section") ?? 0
        try Basis(
            watermark: watermark, rows: statistics.bm25.rows, averageLength: statistics.bm25.averageLength, changed: 0
        ).save(db)
        guard statistics.bm25.rows > 0, statistics.listed.contains(true), watermark < Int64(maximumID)
        else { return }
        // Scoring is most of the pass: batches of sections go to a second thread whenever it
        // has room and are scored here otherwise, each thread with its own heaps, merged at
        // the end (a list's best rows are the best of both halves' best, whichever rows each
        // half had). This thread also reads the rows: alternating batches left the other
        // idle a third of the time.
        var collector = Collector(statistics: statistics, parameters: parameters)
        let helper = CollectorThread(Collector(statistics: statistics, parameters: parameters))
        var batch: [(id: Int64, title: Data, body: Data)] = []
        var batchBytes = 0
        var turn = false
        func flush() {
            turn.toggle()
            let handedOver =
                parameters.alternateBatches
                ? turn && helper.add(batch, waiting: true) : helper.add(batch, waiting: false)
            if !handedOver {
                for row in batch { collector.add(id: row.id, title: row.title, body: row.body) }
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        // In id order, which a table scan gives at no cost: the pairs' rows are written as gaps.
        let sections = try Row.fetchCursor(
            db, sql: "SELECT id, CAST(title AS BLOB), CAST(body AS BLOB) FROM section ORDER BY id")
        var done = 0
        while let row = try sections.next() {
            done += 1
            if done % 4096 == 0 || done == rows { progress?(done, rows) }
            let title: Data = row[1] ?? Data()
            let body: Data = row[2] ?? Data()
            batch.append((row[0], title, body))
            batchBytes += title.count + body.count
            if batchBytes >= parameters.batchBytes { flush() }
        }
        flush()
        collector.merge(helper.finish())
        try collector.write(db)
    }

    /// What FTS5 knows of the whole index: rows, average length, and each term's row count.
    struct Statistics {
        var bm25: BM25
        var terms: [String] = []
        var ids = FlatTable()
        var rowsWith: [Double] = []
        /// Syllables whose pairs get lists.
        var frequent: [Bool]
        /// Syllables that get a list of their own: a few bytes each, so every one in more rows
        /// than a page of results.
        var listed: [Bool]
        /// Syllables whose pairs keep the rows where they stand together (``AdjacentRows``).
        var dense: [Bool]

        init(_ db: Database, rows: Int, parameters: Parameters) throws {
            try db.execute(
                sql: "CREATE VIRTUAL TABLE temp.top_list_vocabulary USING fts5vocab(main, 'section_fts', 'row')")
            defer { try? db.execute(sql: "DROP TABLE temp.top_list_vocabulary") }
            var tokens = 0.0
            let cursor = try Row.fetchCursor(db, sql: "SELECT term, doc, cnt FROM temp.top_list_vocabulary")
            while let row = try cursor.next() {
                let term: String = row[0]
                ids[Array(term.utf8).withUnsafeBufferPointer(TopLists.hash)] = Int32(terms.count)
                terms.append(term)
                rowsWith.append(row[1])
                tokens += row[2]
            }
            bm25 = BM25(rows: Double(rows), tokens: tokens)
            let threshold = parameters.threshold(rows: rows)
            frequent = rowsWith.map { $0 >= threshold }
            listed = rowsWith.map { $0 > Double(parameters.length) }
            let denseThreshold = parameters.adjacent.threshold(rows: rows)
            dense = rowsWith.map { $0 >= denseThreshold }
        }
    }

    /// Scores every row once and keeps, per list, the best `length` in bounded heaps, so
    /// memory follows the number of lists, not the size of the library.
    struct Collector {
        let statistics: Statistics
        let parameters: Parameters
        let idf: [Double]
        var single: Heaps
        var pairSlots = FlatTable()
        /// A pair's chain list at twice its slot, its phrase list next to it: both are
        /// offered every row the pair stands in, and their heads share a cache line.
        var pairs: Heaps
        var adjacent: [AdjacentRows.Writer] = []
        // Per-row scratch, reset after each row.
        var frequency: [Double]
        var score: [Double]
        var touched: [Int32] = []
        var pairsInRow = FlatTable()
        var pairFrequency: [(pair: UInt64, frequency: Double)] = []
        var prefixes = PrefixCounts()

        init(statistics: Statistics, parameters: Parameters) {
            self.statistics = statistics
            self.parameters = parameters
            idf = statistics.rowsWith.map(statistics.bm25.idf)
            single = Heaps(count: statistics.terms.count, keeping: parameters.length)
            pairs = Heaps(keeping: parameters.length)
            frequency = Array(repeating: 0, count: statistics.terms.count)
            score = Array(repeating: 0, count: statistics.terms.count)
        }

        mutating func add(id: Int64, title: Data, body: Data) {
            var tokens = 0
            for (text, weight) in [(title, Schema.titleWeight), (body, Schema.bodyWeight)] {
                var previous: Int32 = -1
                text.withUnsafeBytes { raw in
                    Folding.scan(raw.bindMemory(to: UInt8.self)) { folded, _, _ in
                        tokens += 1
                        prefixes.add(folded)
                        guard let term = statistics.ids[TopLists.hash(folded)] else {
                            previous = -1
                            return
                        }
                        let t = Int(term)
                        if frequency[t] == 0 { touched.append(term) }
                        frequency[t] += weight
                        if previous >= 0, statistics.frequent[Int(previous)], statistics.frequent[t] {
                            let pair = UInt64(previous) << 32 | UInt64(term)
                            if let n = pairsInRow[pair] {
                                pairFrequency[Int(n)].frequency += weight
                            } else {
                                pairsInRow[pair] = Int32(pairFrequency.count)
                                pairFrequency.append((pair, weight))
                            }
                        }
                        previous = term
                    }
                }
            }
            let length = Double(tokens)
            for term in touched.lazy.map(Int.init) {
                score[term] = idf[term] * statistics.bm25.weight(frequency: frequency[term], length: length)
                if statistics.listed[term] {
                    single.offer(TopLists.key(score[term], id), to: term)
                }
            }
            for (pair, phraseFrequency) in pairFrequency {
                let slot = slot(for: pair)
                if statistics.dense[Int(pair >> 32)], statistics.dense[Int(pair & 0xFFFF_FFFF)] {
                    adjacent[slot].append(UInt32(id))
                }
                let both = score[Int(pair >> 32)] + score[Int(pair & 0xFFFF_FFFF)]
                pairs.offer(TopLists.key(both, id), to: 2 * slot)
                pairs.offer(
                    TopLists.key(statistics.bm25.weight(frequency: phraseFrequency, length: length), id),
                    to: 2 * slot + 1)
            }
            for term in touched { frequency[Int(term)] = 0 }
            touched.removeAll(keepingCapacity: true)
            prefixes.endSection()
            pairsInRow.removeAll()
            pairFrequency.removeAll(keepingCapacity: true)
        }

        /// Takes in the lists of sections another collector read, with the same statistics.
        mutating func merge(_ other: Collector) {
            for term in 0..<single.count where other.single.seen(term) > 0 {
                single.merge(term, from: other.single, term)
            }
            for (pair, theirs) in other.pairSlots.entries {
                let slot = self.slot(for: pair)
                pairs.merge(2 * slot, from: other.pairs, 2 * Int(theirs))
                pairs.merge(2 * slot + 1, from: other.pairs, 2 * Int(theirs) + 1)
                adjacent[slot] = .merged(adjacent[slot], other.adjacent[Int(theirs)])
            }
            prefixes.merge(other.prefixes)
        }

        /// The place of a pair's heaps, made on its first row.
        private mutating func slot(for pair: UInt64) -> Int {
            if let known = pairSlots[pair] { return Int(known) }
            let slot = adjacent.count
            pairSlots[pair] = Int32(slot)
            pairs.append(2)
            adjacent.append(AdjacentRows.Writer())
            return slot
        }

        func write(_ db: Database) throws {
            let insert = try db.makeStatement(
                sql: "INSERT INTO top_list(key, matches, rows, phraseRows, adjacentRows) VALUES (?, ?, ?, ?, ?)")
            for term in 0..<single.count where statistics.listed[term] {
                try insert.execute(arguments: [
                    statistics.terms[term], single.seen(term), encode(single.ranked(term)), nil, nil,
                ])
            }
            // In key order, as the words' lists come (FTS5's vocabulary is sorted): the table's
            // B-tree then grows at its end, where random keys cost a second (100 MB).
            let keyed = pairSlots.entries.map { pair, slot in
                (
                    key: TopLists.key([statistics.terms[Int(pair >> 32)], statistics.terms[Int(pair & 0xFFFF_FFFF)]]),
                    slot
                )
            }.sorted { $0.key < $1.key }
            for (key, slot) in keyed {
                let matches = pairs.seen(2 * Int(slot))
                let chain = matches >= parameters.minimumChainRows ? pairs.ranked(2 * Int(slot)) : []
                let phrase = pairs.ranked(2 * Int(slot) + 1)
                let phraseData: Data
                if !chain.isEmpty, chain.count == matches {
                    // Complete: the same rows in another order, one byte each.
                    let place = Dictionary(uniqueKeysWithValues: chain.enumerated().map { ($1, UInt8($0)) })
                    phraseData = Data(phrase.map { place[$0]! })
                } else {
                    phraseData = encode(phrase)
                }
                let rows = adjacent[Int(slot)]
                try insert.execute(arguments: [
                    key, matches, encode(chain), phraseData, rows.count > 0 ? rows.data : nil,
                ])
            }
            try prefixes.write(insert)
        }
    }

    /// A collector on a thread of its own, fed batches of sections, at most two waiting.
    final class CollectorThread: @unchecked Sendable {
        // Touched only on `queue`, and read by `finish()` once it is drained.
        private var collector: Collector
        private let queue = DispatchQueue(label: "sotay.top-lists")
        private let waiting = DispatchSemaphore(value: 2)

        init(_ collector: Collector) { self.collector = collector }

        /// Queues a batch; when two are waiting already, waits for room, or else says so and
        /// leaves the batch to the caller.
        func add(_ batch: [(id: Int64, title: Data, body: Data)], waiting wait: Bool) -> Bool {
            if wait {
                waiting.wait()
            } else if waiting.wait(timeout: .now()) == .timedOut {
                return false
            }
            queue.async { [self] in
                for row in batch { collector.add(id: row.id, title: row.title, body: row.body) }
                waiting.signal()
            }
            return true
        }

        /// The lists of every batch, once all are scored.
        func finish() -> Collector { queue.sync { collector } }
    }

    /// Bounded min-heaps of the best keys offered, one per list, and how many each was offered.
    ///
    /// Most offers to a full heap are turned away (a list keeps its best 30 of hundreds or
    /// thousands), so each heap's floor, the least key it keeps once full, sits beside its
    /// count in one flat array: turning an offer away touches that one cache line, not the
    /// heap's own storage. The pass makes some 37 million offers at 100 MB; with two misses
    /// each they were a third of its time, now a fifth.
    struct Heaps {
        private struct Head {
            var floor: UInt64 = 0
            var seen = 0
        }
        private var heads: [Head] = []
        private var entries: [[UInt64]] = []
        let limit: Int

        init(count: Int = 0, keeping limit: Int) {
            self.limit = limit
            append(count)
        }

        var count: Int { heads.count }

        mutating func append(_ count: Int) {
            heads.append(contentsOf: repeatElement(Head(), count: count))
            entries.append(contentsOf: repeatElement([], count: count))
        }

        /// How many keys `heap` was offered.
        func seen(_ heap: Int) -> Int { heads[heap].seen }

        /// The keys `heap` keeps, in no order.
        func keys(_ heap: Int) -> [UInt64] { entries[heap] }

        /// Row ids, best first.
        func ranked(_ heap: Int) -> [UInt32] {
            entries[heap].sorted(by: >).map { UInt32(TopLists.maximumID - ($0 & TopLists.maximumID)) }
        }

        /// Keys are never zero (row ids stay below ``TopLists/maximumID``), so a heap not yet
        /// full, whose floor is zero, takes every key.
        mutating func offer(_ key: UInt64, to heap: Int) {
            heads[heap].seen += 1
            if key > heads[heap].floor { keep(key, in: heap) }
        }

        /// Takes in the best keys of another collection's heap, and what it was offered.
        mutating func merge(_ heap: Int, from other: Heaps, _ theirs: Int) {
            for key in other.entries[theirs] where key > heads[heap].floor { keep(key, in: heap) }
            heads[heap].seen += other.heads[theirs].seen
        }

        private mutating func keep(_ key: UInt64, in heap: Int) {
            Self.push(key, into: &entries[heap], keeping: limit)
            if entries[heap].count == limit { heads[heap].floor = entries[heap][0] }
        }

        private static func push(_ key: UInt64, into keys: inout [UInt64], keeping limit: Int) {
            if keys.count < limit {
                keys.append(key)
                var child = keys.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard keys[child] < keys[parent] else { break }
                    keys.swapAt(child, parent)
                    child = parent
                }
            } else {
                keys[0] = key
                var parent = 0
                while true {
                    var smallest = parent
                    let left = 2 * parent + 1
                    if left < keys.count, keys[left] < keys[smallest] { smallest = left }
                    if left + 1 < keys.count, keys[left + 1] < keys[smallest] { smallest = left + 1 }
                    guard smallest != parent else { break }
                    keys.swapAt(parent, smallest)
                    parent = smallest
                }
            }
        }
    }

    /// Row ids as little-endian 32-bit integers.
    static func encode(_ ids: [UInt32]) -> Data {
        var data = Data(capacity: ids.count * 4)
        for id in ids { withUnsafeBytes(of: id.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Orders by score, then by lower row id (reading order, as the ranker breaks ties).
    /// Scores are positive, and positive doubles order as their bit patterns do: the top 40
    /// bits keep 28 bits of mantissa (scores equal to 1 part in 10^8 tie), the low 24 the id.
    static func key(_ score: Double, _ id: Int64) -> UInt64 {
        (score.bitPattern >> idBits) << idBits | (maximumID - UInt64(id))
    }

    static let idBits: UInt64 = 24
    static let maximumID: UInt64 = 1 << idBits - 1

    /// A complete pair list's phrase order is stored as one byte per row, the row's place in
    /// the chain list; a truncated one as its own row ids.
    static func phraseOrder(_ data: Data?, chain: [Int64], matches: Int) -> [Int64] {
        guard let data else { return [] }
        guard !chain.isEmpty, chain.count == matches else { return decode(data) }
        return data.compactMap { Int($0) < chain.count ? chain[Int($0)] : nil }
    }

    static func decode(_ data: Data?) -> [Int64] {
        guard let data else { return [] }
        return data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map {
                Int64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
    }

    /// FNV-1a over a token's folded bytes: the build looks up every token of the library, and
    /// hashing the bytes in place avoids making a string of each.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // The top bit is cleared: FlatTable keeps the all-ones key for empty slots.
        return hash >> 1
    }
}
