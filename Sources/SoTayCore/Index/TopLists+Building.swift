import Foundation
import GRDB

/// Making the lists (``TopLists``): one pass over every section after a build, the best keys of each list (``BestKeys``),
/// and the encodings the lists are stored in.
extension TopLists {
    /// Brings the lists up to date after a build that added or removed `changedRows`
    /// sections: recomputed after a full build or once the changes since the last
    /// computation reach an eighth of the library, else kept, the changes being merged in by
    /// searches (``rows(for:limit:_:)``), scored with the index's statistics of the day.
    ///
    /// `meanwhile` (FTS5's merge of its segments, when the build merges them) is run once,
    /// while the lists are being made when they are. Returns whether they were made from
    /// `terms`, the sections' terms as the tokenizer read them.
    @discardableResult
    static func refresh(
        _ db: Database, changedRows: Int, full: Bool, parameters: Parameters, terms: SectionTerms? = nil,
        meanwhile: () throws -> Void = {}, progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> Bool {
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM section") ?? 0
        if !full, var basis = try Basis.load(db), (basis.changed + changedRows) * 8 <= rows {
            basis.changed += changedRows
            try basis.save(db)
            try meanwhile()
            return false
        }
        return try rebuild(
            db, rows: rows, parameters: parameters, terms: terms, meanwhile: meanwhile, progress: progress)
    }

    /// Replaces every list with ones computed from the index as it now stands: from the
    /// sections' terms as the tokenizer read them (`terms`) when they are those of every
    /// row, else from the table and FTS5's vocabulary. Returns whether from `terms`.
    @discardableResult
    static func rebuild(
        _ db: Database, rows: Int, parameters: Parameters, terms: SectionTerms? = nil,
        meanwhile: () throws -> Void, progress: ((_ done: Int, _ total: Int) -> Void)?
    ) throws -> Bool {
        progress?(0, rows)
        try db.execute(sql: "DELETE FROM top_list")
        let vocabulary = terms?.vocabulary(rows: rows)
        let statistics =
            try vocabulary.map { Statistics($0, rows: rows, parameters: parameters) }
            ?? Statistics(db, rows: rows, parameters: parameters)
        let watermark = try Int64.fetchOne(db, sql: "SELECT max(id) FROM section") ?? 0
        try Basis(
            watermark: watermark, rows: statistics.bm25.rows, averageLength: statistics.bm25.averageLength, changed: 0
        ).save(db)
        guard statistics.bm25.rows > 0, statistics.listed.contains(true), watermark < Int64(maximumID)
        else {
            try meanwhile()
            return false
        }
        // Scoring is most of the pass: batches of sections go to a second thread whenever it
        // has room and are scored here otherwise, each thread with its own lists, merged at
        // the end (a list's best rows are the best of both halves' best, whichever rows each
        // half had). This thread also reads the rows: alternating batches left the other
        // idle a third of the time.
        var collector = Collector(statistics: statistics, parameters: parameters)
        let helper = CollectorThread(Collector(statistics: statistics, parameters: parameters))
        var turn = false
        func hand(_ batch: @escaping @Sendable (inout Collector) -> Void) {
            turn.toggle()
            let handedOver =
                parameters.alternateBatches
                ? turn && helper.add(batch, waiting: true) : helper.add(batch, waiting: false)
            if !handedOver { batch(&collector) }
        }
        // In id order: the pairs' rows are written as gaps.
        guard let terms, vocabulary != nil else {
            try passText(db, rows: rows, parameters: parameters, hand: hand, progress: progress)
            try collector.write(with: helper.finish(), db, meanwhile: meanwhile)
            return false
        }
        // This pass needs no database: the other thread scores its last sections while this
        // one runs FTS5's merge, which otherwise ran beside the shorter work of making the rows.
        passTerms(
            terms.take(), rows: rows, parameters: parameters, hand: hand, handOver: helper.enqueue, progress: progress)
        do {
            try meanwhile()
        } catch {
            _ = helper.finish()
            throw error
        }
        try collector.write(with: helper.finish(), db, meanwhile: {})
        return true
    }

    /// Hands the sections to the collectors as the table holds them, to be folded again.
    private static func passText(
        _ db: Database, rows: Int, parameters: Parameters,
        hand: (@escaping @Sendable (inout Collector) -> Void) -> Void, progress: ((_ done: Int, _ total: Int) -> Void)?
    ) throws {
        var batch: [(id: Int64, title: Data, body: Data)] = []
        var batchBytes = 0
        func flush() {
            let rows = batch
            hand { collector in
                for row in rows { collector.add(id: row.id, title: row.title, body: row.body) }
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        // A table scan gives id order at no cost.
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
    }

    /// Hands the sections to the collectors as the tokenizer numbered their terms
    /// (``SectionTerms``), a chunk's sections at a time or fewer: to `hand`, and the last
    /// `mergeTail` of them to `handOver` (the other thread). Each chunk is let go once scored,
    /// before the lists are written.
    private static func passTerms(
        _ chunks: consuming [SectionTerms.Chunk], rows: Int, parameters: Parameters,
        hand: (@escaping @Sendable (inout Collector) -> Void) -> Void,
        handOver: (@escaping @Sendable (inout Collector) -> Void) -> Void,
        progress: ((_ done: Int, _ total: Int) -> Void)?
    ) {
        let tail = rows - Int(Double(rows) * parameters.mergeTail)
        // A section's term numbers take about a third of its text's bytes (35 MB at 100 MB).
        let batchBytes = max(parameters.batchBytes / 3, 1)
        var done = 0
        chunks.reverse()
        // Taken out of the array: its batches alone hold it then.
        while let chunk = chunks.popLast() {
            var first = 0
            for section in 0..<chunk.sections {
                done += 1
                if done % 4096 == 0 || done == rows { progress?(done, rows) }
                let bytes = chunk.range(of: section).upperBound - chunk.range(of: first).lowerBound
                if bytes >= batchBytes || section == chunk.sections - 1 {
                    let sections = first..<section + 1
                    let batch: @Sendable (inout Collector) -> Void = { collector in
                        collector.add(chunk, sections: sections)
                    }
                    if done - sections.count >= tail { handOver(batch) } else { hand(batch) }
                    first = section + 1
                }
            }
        }
    }

    /// What FTS5 knows of the whole index: rows, average length, and each term's row count.
    struct Statistics {
        var bm25: BM25
        var terms: [String]
        /// Each term's place in `terms` by its bytes' hash, for a pass that folds the text
        /// again; empty when the statistics come from ``SectionTerms``, whose numbers say it.
        var ids = FlatTable()
        var rowsWith: [Double]
        /// Syllables whose pairs get lists.
        var frequent: [Bool]
        /// Syllables that get a list of their own: a few bytes each, so every one in more rows
        /// than a page of results.
        var listed: [Bool]
        /// Syllables whose pairs keep the rows where they stand together (``AdjacentRows``).
        var dense: [Bool]
        /// Each term's one- and two-letter prefixes (``PrefixCounts``): the pass counts them
        /// once per section that holds the term, rather than per token.
        var prefixSlots: [PrefixCounts.Slots]
        /// The prefixes that get lists, and each term's among them.
        var prefixLists: PrefixLists

        /// Each term's place in `terms` by its number in ``SectionTerms``; empty when the
        /// statistics come from FTS5.
        var place: [Int32] = []

        init(_ db: Database, rows: Int, parameters: Parameters) throws {
            try db.execute(
                sql: "CREATE VIRTUAL TABLE temp.top_list_vocabulary USING fts5vocab(main, 'section_fts', 'row')")
            defer { try? db.execute(sql: "DROP TABLE temp.top_list_vocabulary") }
            var terms: [String] = []
            var rowsWith: [Double] = []
            var tokens = 0.0
            let cursor = try Row.fetchCursor(db, sql: "SELECT term, doc, cnt FROM temp.top_list_vocabulary")
            while let row = try cursor.next() {
                terms.append(row[0])
                rowsWith.append(row[1])
                tokens += row[2]
            }
            self.init(terms: terms, rowsWith: rowsWith, tokens: tokens, rows: rows, parameters: parameters)
            for (n, term) in terms.enumerated() {
                ids[Array(term.utf8).withUnsafeBufferPointer(TopLists.hash)] = Int32(n)
            }
        }

        /// The same statistics, counted as the tokenizer read the sections (``SectionTerms``).
        init(_ vocabulary: SectionTerms.Vocabulary, rows: Int, parameters: Parameters) {
            self.init(
                terms: vocabulary.terms, rowsWith: vocabulary.rowsWith, tokens: vocabulary.tokens, rows: rows,
                parameters: parameters)
            place = vocabulary.place
        }

        private init(terms: [String], rowsWith: [Double], tokens: Double, rows: Int, parameters: Parameters) {
            self.terms = terms
            self.rowsWith = rowsWith
            bm25 = BM25(rows: Double(rows), tokens: tokens)
            let threshold = parameters.threshold(rows: rows)
            frequent = rowsWith.map { $0 >= threshold }
            listed = rowsWith.map { $0 > Double(parameters.length) }
            let denseThreshold = parameters.adjacent.threshold(rows: rows)
            dense = rowsWith.map { $0 >= denseThreshold }
            prefixSlots = terms.map { term in
                var term = term
                return term.withUTF8(PrefixCounts.slots)
            }
            prefixLists = PrefixLists(terms: terms, rowsWith: rowsWith, threshold: threshold)
        }
    }

    /// Scores every row once and keeps, per list, the best `length` (``BestKeys``), so
    /// memory follows the number of lists, not the size of the library.
    struct Collector {
        let statistics: Statistics
        let parameters: Parameters
        let idf: [Double]
        var single: BestKeys
        var pairSlots = FlatTable()
        /// A pair's chain list at twice its slot, its phrase list next to it: both are
        /// offered every row the pair stands in, and their heads share a cache line.
        var pairs: BestKeys
        /// A list per prefix with one (``PrefixLists``), offered each row by the prefix's
        /// BM25 weight: its idf is the same for every row, and known only once all are read.
        var prefixed: BestKeys
        /// The rows where each dense pair stands together, by its place in `adjacentOf`
        /// (-1 for the other pairs).
        var adjacent: [AdjacentRows.Writer] = []
        var adjacentOf: [Int32] = []
        let row: RowCounts
        var prefixes = PrefixCounts()

        init(statistics: Statistics, parameters: Parameters) {
            self.statistics = statistics
            self.parameters = parameters
            idf = statistics.rowsWith.map(statistics.bm25.idf)
            single = BestKeys(count: statistics.terms.count, keeping: parameters.length)
            pairs = BestKeys(keeping: parameters.length)
            prefixed = BestKeys(count: statistics.prefixLists.prefixes.count, keeping: parameters.length)
            row = RowCounts(terms: statistics.terms.count, prefixes: statistics.prefixLists.prefixes.count)
        }

        mutating func add(id: Int64, title: Data, body: Data) {
            let row = self.row
            var tokens = 0
            statistics.ids.withLookup { ids in
                statistics.frequent.withUnsafeBufferPointer { frequent in
                    for (text, weight) in [(title, Schema.titleWeight), (body, Schema.bodyWeight)] {
                        text.withUnsafeBytes { raw in
                            tokens += row.scan(
                                raw.bindMemory(to: UInt8.self), weight: weight, ids: ids, frequent: frequent,
                                prefixes: prefixes)
                        }
                    }
                }
            }
            score(id: id, length: Double(tokens))
        }

        /// Adds `sections` of a chunk, from the terms the tokenizer numbered.
        mutating func add(_ chunk: SectionTerms.Chunk, sections: Range<Int>) {
            let row = self.row
            let (place, frequent) = (statistics.place, statistics.frequent)
            place.withUnsafeBufferPointer { place in
                frequent.withUnsafeBufferPointer { frequent in
                    for section in sections {
                        row.count(
                            UnsafeBufferPointer(rebasing: chunk.bytes.buffer[chunk.range(of: section)]),
                            titleTokens: Int(chunk.counts[3 * section]), place: place, frequent: frequent)
                        score(id: chunk.firstID + Int64(section), length: Double(chunk.counts[3 * section + 1]))
                    }
                }
            }
        }

        /// Scores the section `row` holds, offers it to its lists, and forgets it.
        private mutating func score(id: Int64, length: Double) {
            let row = self.row
            let score = row.score
            statistics.prefixLists.starts.withUnsafeBufferPointer { starts in
                statistics.prefixLists.ids.withUnsafeBufferPointer { prefixIDs in
                    for n in 0..<row.touchedCount {
                        let term = Int(row.touched[n])
                        prefixes.mark(statistics.prefixSlots[term])
                        let frequency = row.frequency[term]
                        score[term] = idf[term] * statistics.bm25.weight(frequency: frequency, length: length)
                        if statistics.listed[term] {
                            single.offer(TopLists.key(score[term], id), to: term)
                        }
                        for k in Int(starts[term])..<Int(starts[term + 1]) {
                            row.add(prefix: prefixIDs[k], frequency: frequency)
                        }
                    }
                }
            }
            for n in 0..<row.prefixCount {
                let prefix = Int(row.prefixTouched[n])
                let weight = statistics.bm25.weight(frequency: row.prefixFrequency[prefix], length: length)
                prefixed.offer(TopLists.key(weight, id), to: prefix)
            }
            // The pairs' places first, then their lists: each place is a look-up in a table
            // too large for the cache, and in a loop of their own they wait on memory
            // together, not one by one (100 MB: 4.37 → 4.23 s).
            let places = row.pairPlace
            for n in 0..<row.pairCount { places[n] = Int32(slot(for: row.pairs[n])) }
            // The writers' array is checked for sharing once per section, not once per pair.
            adjacent.withUnsafeMutableBufferPointer { adjacent in
                for n in 0..<row.pairCount {
                    let pair = row.pairs[n]
                    let (first, second) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
                    let slot = Int(places[n])
                    if adjacentOf[slot] >= 0 { adjacent[Int(adjacentOf[slot])].append(UInt32(id)) }
                    pairs.offer(TopLists.key(score[first] + score[second], id), to: 2 * slot)
                    pairs.offer(
                        TopLists.key(statistics.bm25.weight(frequency: row.pairFrequency[n], length: length), id),
                        to: 2 * slot + 1)
                }
            }
            row.reset()
            prefixes.endSection()
        }

        /// The place of a pair's lists, made on its first row, with a row writer when both
        /// its syllables are dense.
        private mutating func slot(for pair: UInt64) -> Int {
            if let known = pairSlots[pair] { return Int(known) }
            let slot = adjacentOf.count
            pairSlots[pair] = Int32(slot)
            pairs.append(2)
            let dense = statistics.dense[Int(pair >> 32)] && statistics.dense[Int(pair & 0xFFFF_FFFF)]
            adjacentOf.append(dense ? Int32(adjacent.count) : -1)
            if dense { adjacent.append(AdjacentRows.Writer()) }
            return slot
        }

        /// The rows where the pair at `slot` stands together, kept for dense pairs only.
        fileprivate func adjacentRows(_ slot: Int) -> AdjacentRows.Writer {
            adjacentOf[slot] >= 0 ? adjacent[Int(adjacentOf[slot])] : AdjacentRows.Writer()
        }

        /// Writes every list, of the rows this collector read and those `other` read (the
        /// second thread, with the same statistics). Both hold the best rows of their half,
        /// so a list's best rows are the best of both.
        ///
        /// Making the pairs' rows to store (about 95,000 at 100 MB) is most of the work, and
        /// needs no database: another thread starts on it at once, while this one runs
        /// `meanwhile` (FTS5's merge of its segments, half a second there), then joins in.
        func write(with other: Collector, _ db: Database, meanwhile: () throws -> Void) throws {
            // In key order, as the words' lists come (FTS5's vocabulary is sorted): the table's
            // B-tree then grows at its end, where random keys cost a second (100 MB).
            var both = pairSlots.entries.map { pair, slot in (pair, mine: Int?(Int(slot)), theirs: other.slot(of: pair))
            }
            for (pair, slot) in other.pairSlots.entries where pairSlots[pair] == nil {
                both.append((pair, nil, Int(slot)))
            }
            let keyed = both.map { pair, mine, theirs in
                let words = [statistics.terms[Int(pair >> 32)], statistics.terms[Int(pair & 0xFFFF_FFFF)]]
                return (key: TopLists.key(words), mine: mine, theirs: theirs)
            }.sorted { $0.key < $1.key }
            let work = SharedWork<ListRows>(count: (keyed.count + 4095) / 4096)
            let make = { @Sendable [self] in
                work.run { n in
                    var rows = ListRows()
                    for pair in keyed[n * 4096..<min(n * 4096 + 4096, keyed.count)] {
                        append(pair.key, mine: pair.mine, theirs: pair.theirs, other, to: &rows)
                    }
                    return rows
                }
            }
            let helper = DispatchGroup()
            DispatchQueue.global(qos: .userInitiated).async(group: helper, execute: make)
            // However this ends, the other thread is done before it returns.
            defer { helper.wait() }
            try meanwhile()
            make()

            let insert = try RowInsert(
                "INSERT INTO top_list(key, matches, rows, phraseRows, adjacentRows) VALUES (?, ?, ?, ?, ?)", db)
            var singles = ListRows()
            for term in 0..<single.count where statistics.listed[term] {
                let list = single.ranked(term, with: other.single, term)
                singles.append(statistics.terms[term], matches: list.seen, rows: { encode(list.ids, to: &$0) })
            }
            try singles.insert(insert)
            var prefixRows = ListRows()
            for (n, prefix) in statistics.prefixLists.prefixes.enumerated() {
                let list = prefixed.ranked(n, with: other.prefixed, n)
                prefixRows.append(PrefixCounts.key(prefix), matches: list.seen, rows: { encode(list.ids, to: &$0) })
            }
            try prefixRows.insert(insert)
            helper.wait()
            for rows in work.results { try rows.insert(insert) }
            var prefixes = self.prefixes
            prefixes.merge(other.prefixes)
            // The one- and two-letter prefixes with lists have their counts there.
            try prefixes.write(insert, except: Set(statistics.prefixLists.prefixes.filter { $0.utf8.count <= 2 }))
        }

        private func slot(of pair: UInt64) -> Int? { pairSlots[pair].map(Int.init) }

        /// Appends a pair's stored lists, from what was kept here (`mine`) and in `other` (`theirs`).
        private func append(_ key: String, mine: Int?, theirs: Int?, _ other: Collector, to rows: inout ListRows) {
            let all = pairs.ranked(mine.map { 2 * $0 }, with: other.pairs, theirs.map { 2 * $0 })
            let chain = all.seen >= parameters.minimumChainRows ? all.ids : []
            let phrase = pairs.ranked(mine.map { 2 * $0 + 1 }, with: other.pairs, theirs.map { 2 * $0 + 1 }).ids
            let adjacent: AdjacentRows.Writer =
                switch (mine, theirs) {
                case let (mine?, theirs?): .merged(adjacentRows(mine), other.adjacentRows(theirs))
                case let (mine?, nil): adjacentRows(mine)
                case let (nil, theirs?): other.adjacentRows(theirs)
                case (nil, nil): AdjacentRows.Writer()
                }
            rows.append(
                key, matches: all.seen, rows: { encode(chain, to: &$0) },
                phraseRows: { bytes in
                    if !chain.isEmpty, chain.count == all.seen {
                        // Complete: the same rows in another order, one byte each (a list is
                        // short enough that looking each row up costs less than hashing them).
                        bytes.append(contentsOf: phrase.map { UInt8(chain.firstIndex(of: $0)!) })
                    } else {
                        encode(phrase, to: &bytes)
                    }
                },
                adjacentRows: adjacent.count > 0 ? { adjacent.append(to: &$0) } : nil)
        }
    }

    /// Rows of `top_list` ready to insert, their blobs side by side in one buffer: a hundred
    /// thousand lists held as `Data` values, while FTS5 merges its segments, took three
    /// times their bytes (30 MB at 100 MB).
    struct ListRows: Sendable {
        private struct Row: Sendable {
            var key: String
            var matches: Int
            var blobs: (Range<Int>, Range<Int>?, Range<Int>?)
        }
        private var bytes: [UInt8] = []
        private var rows: [Row] = []

        /// Appends a row, each blob written by its closure; a nil closure stores NULL.
        mutating func append(
            _ key: String, matches: Int, rows: (inout [UInt8]) -> Void,
            phraseRows: ((inout [UInt8]) -> Void)? = nil, adjacentRows: ((inout [UInt8]) -> Void)? = nil
        ) {
            func blob(_ write: (inout [UInt8]) -> Void) -> Range<Int> {
                let start = bytes.count
                write(&bytes)
                return start..<bytes.count
            }
            self.rows.append(
                Row(key: key, matches: matches, blobs: (blob(rows), phraseRows.map(blob), adjacentRows.map(blob))))
        }

        func insert(_ statement: RowInsert) throws {
            try bytes.withUnsafeBufferPointer { bytes in
                for row in rows {
                    try statement.run { values in
                        values.add(row.key)
                        values.add(row.matches)
                        values.add(blob: UnsafeBufferPointer(rebasing: bytes[row.blobs.0]))
                        values.add(blob: row.blobs.1.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
                        values.add(blob: row.blobs.2.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
                    }
                }
            }
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
        func add(_ batch: @escaping @Sendable (inout Collector) -> Void, waiting wait: Bool) -> Bool {
            if wait {
                waiting.wait()
            } else if waiting.wait(timeout: .now()) == .timedOut {
                return false
            }
            queue.async { [self] in
                batch(&collector)
                waiting.signal()
            }
            return true
        }

        /// Queues a batch, however many are waiting.
        func enqueue(_ batch: @escaping @Sendable (inout Collector) -> Void) {
            queue.async { [self] in batch(&collector) }
        }

        /// The lists of every batch, once all are scored.
        func finish() -> Collector { queue.sync { collector } }
    }

    /// Row ids (or any 32-bit numbers: ``SectionLengths``) as little-endian 32-bit integers.
    static func encode(_ ids: [UInt32], to bytes: inout [UInt8]) {
        for id in ids { withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) } }
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
        return data.withUnsafeBytes { decode($0).map(Int64.init) }
    }

    /// The little-endian 32-bit integers of ``encode(_:to:)``.
    static func decode(_ raw: UnsafeRawBufferPointer) -> [UInt32] {
        (0..<raw.count / 4).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
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

// Both threads read the two collectors while the lists are written, and neither changes them.
extension TopLists.Collector: @unchecked Sendable {}
