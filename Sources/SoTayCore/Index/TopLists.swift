import Foundation
import GRDB

/// Precomputed first pages for the searches FTS5 is slow at.
///
/// FTS5 ranks every row a query matches before it keeps ten, so a word in most sections
/// ("dang", "chi") or two such words typed together ("dang vien") cost in proportion to the
/// whole library. Most Vietnamese words are two syllables, so what users type is mostly one
/// syllable or a pair. For every frequent syllable and every pair of frequent syllables that
/// stand next to each other, the build keeps the best rows in BM25 order, scored exactly as
/// FTS5 would (``BM25``): a single syllable by its own score, a pair typed as two words by
/// the sum of both words' scores over the rows where they stand together (adjacency outranks
/// everything else for such a query, see ``Ranker``), a quoted pair by the phrase's score.
/// A search of one of these shapes reads one short row instead of ranking a hundred
/// thousand matches; anything else, or a page the list cannot fill, goes to FTS5.
enum TopLists {
    struct Parameters: Sendable {
        /// Rows kept per list: a page of results, on the web 20. At most 255, since a complete
        /// pair's phrase order is stored as one byte per row.
        var length = 30
        /// Pairs are kept for syllables in at least this many rows (fewer are quick for FTS5);
        /// with a larger library the bar rises to `rowShare` of the rows, which keeps the
        /// number of pairs, and so the build's memory and the file's size, in proportion.
        /// Every syllable in more rows than `length` gets a list of its own.
        var minimumRows = 1000
        var rowShare = 1.0 / 32
        /// A pair typed as two words is answered from its list only when its rows fill the
        /// page; pairs seldom adjacent keep only their phrase order.
        var minimumChainRows = 10

        func threshold(rows: Int) -> Double { max(Double(minimumRows), Double(rows) * rowShare) }
    }

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE top_list(
                    key TEXT PRIMARY KEY,
                    matches INTEGER NOT NULL,
                    rows BLOB NOT NULL,
                    phraseRows BLOB
                ) WITHOUT ROWID
                """)
    }

    // MARK: Reading

    /// A list's key: the folded tokens of a word or pair, "dang" or "dang vien".
    static func key(_ tokens: [String]) -> String { tokens.joined(with: " ") }

    /// How many sections hold a word, or a pair as a phrase, as recorded with the lists; nil
    /// when no list has it.
    static func recordedMatches(_ tokens: [String], _ db: Database) throws -> Int? {
        try Row.fetchOne(lookup(db), arguments: [key(tokens)])?["matches"]
    }

    /// How many sections hold a word beginning with a one- or two-letter prefix, as recorded
    /// with the lists (``PrefixCounts``); nil for longer prefixes.
    static func recordedPrefixMatches(_ prefix: String, _ db: Database) throws -> Int? {
        try Row.fetchOne(lookup(db), arguments: [PrefixCounts.key(prefix)])?["matches"]
    }

    /// One statement for every look-up of a list: a search that misses its list (a rare word)
    /// asks twice, and preparing a statement costs more than running it.
    private static func lookup(_ db: Database) throws -> Statement {
        try db.cachedStatement(sql: "SELECT matches, rows, phraseRows FROM top_list WHERE key = ?")
    }

    /// The rows a list gives for `query`, best first, or nil when no list answers it exactly.
    static func rows(for query: SearchQuery, limit: Int, _ db: Database) throws -> [Int64]? {
        guard query.excluded.isEmpty, query.clauses.allSatisfy({ $0.count == 1 }) else { return nil }
        let terms = query.clauses.map { $0[0] }
        // Prefixes rank by what the lists do not keep.
        guard !terms.contains(where: \.isPrefix) else { return nil }
        let tokens = terms.flatMap(\.tokens).map(\.folded)
        let isChain: Bool
        switch (terms.count, tokens.count) {
        case (1, 1), (1, 2): isChain = false  // a word, or a quoted pair
        case (2, 2): isChain = true  // two words typed apart
        default: return nil
        }
        guard
            let row = try Row.fetchOne(lookup(db), arguments: [key(tokens)])
        else { return nil }
        let matches: Int = row["matches"]
        let chain = decode(row["rows"])
        var ids = tokens.count == 2 && !isChain ? phraseOrder(row["phraseRows"], chain: chain, matches: matches) : chain
        let complete = ids.count == matches
        if let basis = try Basis.load(db), basis.changed > 0 {
            // Sections were replaced since the lists were made: the removed ones are dropped,
            // and the added ones, scored by FTS5, are merged with the listed ones, scored from
            // their text by the same formula and statistics.
            let live = Set(
                try Int64.fetchAll(
                    db, sql: "SELECT id FROM section WHERE id IN (\(ids.map(String.init).joined(separator: ",")))"))
            ids = ids.filter(live.contains)
            let added = try self.added(query, terms: terms, after: basis.watermark, db)
            if !added.rows.isEmpty {
                guard ids.count >= limit || (complete && !isChain), let bm25 = added.bm25 else { return nil }
                // Two words typed apart: only the added sections where they stand together.
                let merged =
                    try scored(ids, tokens: tokens, isChain: isChain, bm25: bm25, db)
                    + added.rows.filter { !isChain || $0.adjacent }.map { ($0.id, $0.rank) }
                ids = merged.sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id }.map(\.id)
            }
        }
        // Two words typed apart rank the rows where they stand together first; when those do
        // not fill the page, the rest are rows with the words apart, which no list holds.
        guard ids.count >= limit || (complete && !isChain) else { return nil }
        if terms.contains(where: { $0.tokens.contains { $0.exactKey != nil } }) {
            return try withTypedMarks(ids, query: query, limit: limit, whole: complete && !isChain, db)
        }
        return Array(ids.prefix(limit))
    }

    /// The page for words typed with marks, from their folded list, when the list decides it.
    ///
    /// Sections that hold the words as typed rank before all others, each group in the list's
    /// order (``Ranker``). The list is the head of that order for the folded words, so the
    /// listed sections holding every typed form are the head of the first group: when they
    /// fill the page, the page is exact. A list of every match (`whole`) gives every group.
    /// Otherwise (`đang` where the list is mostly `Đảng`) the search goes to FTS5.
    static func withTypedMarks(
        _ ids: [Int64], query: SearchQuery, limit: Int, whole: Bool, _ db: Database
    ) throws -> [Int64]? {
        let matcher = Ranker.Matcher(query)
        var shares: [(id: Int64, share: Double)] = []
        var full = 0
        for id in ids {
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT title, body FROM section WHERE id = ?"), arguments: [id])
            else { continue }
            let share = matcher.scores(title: row[0], body: row[1]).diacritics
            shares.append((id, share))
            if share == 1 {
                full += 1
                if full == limit, !whole { break }
            }
        }
        if whole {
            // Stable: equal shares keep the list's order.
            return shares.enumerated().sorted { ($0.element.share, -$0.offset) > ($1.element.share, -$1.offset) }
                .prefix(limit).map(\.element.id)
        }
        guard full >= limit else { return nil }
        return shares.filter { $0.share == 1 }.prefix(limit).map(\.id)
    }

    /// The sections added since the lists were made that match `query`, ranked by FTS5
    /// (`sotay_rank`, lower first) with the recorded counts, as a search would rank them, and
    /// the index's statistics now; nil statistics when none was added.
    static func added(
        _ query: SearchQuery, terms: [SearchQuery.Term], after watermark: Int64, _ db: Database
    ) throws -> (rows: [(id: Int64, rank: Double, adjacent: Bool)], bm25: BM25?) {
        var counts: [Int] = []
        for term in terms {
            guard let count = try recordedMatches(term.tokens.map(\.folded), db) else { return ([], nil) }
            counts.append(count)
        }
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT rowid, \(RankFunction.name)(section_fts, ?\(String(repeating: ", ?", count: counts.count))),
                        \(RankFunction.totalsName)(section_fts, 0), \(RankFunction.totalsName)(section_fts, 1)
                    FROM section_fts WHERE section_fts MATCH ? AND rowid > ?
                    """),
            arguments: StatementArguments([query.adjacencySpec] + counts + [query.ftsPattern, watermark]))
        guard let first = rows.first else { return ([], nil) }
        let total: Double = first[2]
        let bm25 = BM25(rows: total, averageLength: (first[3] as Double) / max(1, total))
        // sotay_rank is the score negated, less 10^4 when the words stand together.
        return (rows.map { row in (row[0], row[1], (row[1] as Double) <= -10_000) }, bm25)
    }

    /// The rank `sotay_rank` would give each listed section for the list's search, from its
    /// text: a word's BM25, the sum of two words' over sections where they stand together, or a
    /// quoted pair's phrase score, negated, less 10^4 for a pair, which stands together. Made
    /// with the very operations `sotay_rank` makes, so equal scores stay equal and ties keep
    /// the reading order. Sections without the pair adjacent drop out of a pair's order.
    static func scored(
        _ ids: [Int64], tokens: [String], isChain: Bool, bm25: BM25, _ db: Database
    ) throws -> [(id: Int64, rank: Double)] {
        let idf = try tokens.map { token in
            bm25.idf(matchingRows: try recordedMatches([token], db).map(Double.init) ?? bm25.rows)
        }
        let phraseIDF =
            tokens.count == 2
            ? bm25.idf(matchingRows: try recordedMatches(tokens, db).map(Double.init) ?? bm25.rows) : 0
        let wanted = tokens.map { Array($0.utf8) }
        var scored: [(id: Int64, rank: Double)] = []
        let together = tokens.count == 2 ? 1.0 : 0.0
        for id in ids {
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT CAST(title AS BLOB), CAST(body AS BLOB) FROM section WHERE id = ?"),
                    arguments: [id])
            else { continue }
            let counts = TokenCounts(wanted, title: row[0] ?? Data(), body: row[1] ?? Data())
            let weights = counts.frequency.map { bm25.weight(frequency: $0, length: counts.length) }
            let score: Double
            switch (tokens.count, isChain) {
            case (1, _): score = idf[0] * weights[0]
            case (_, true) where counts.pair > 0: score = idf[0] * weights[0] + idf[1] * weights[1]
            case (_, false) where counts.pair > 0:
                score = phraseIDF * bm25.weight(frequency: counts.pair, length: counts.length)
            default: continue
            }
            scored.append((id, -score - 10_000 * together))
        }
        return scored
    }

    /// How often a section holds one or two folded tokens, and the second right after the
    /// first, with the title's weight, and its length in tokens: what BM25 needs of it.
    struct TokenCounts {
        var frequency: [Double]
        var pair = 0.0
        var length = 0.0

        init(_ tokens: [[UInt8]], title: Data, body: Data) {
            frequency = Array(repeating: 0, count: tokens.count)
            for (text, weight) in [(title, Schema.titleWeight), (body, Schema.bodyWeight)] {
                var previous = -1
                text.withUnsafeBytes { raw in
                    Folding.scan(raw.bindMemory(to: UInt8.self)) { folded, _, _ in
                        length += 1
                        let match = tokens.firstIndex { $0.elementsEqual(folded) } ?? -1
                        if match >= 0 { frequency[match] += weight }
                        if tokens.count == 2, previous == 0, folded.elementsEqual(tokens[1]) { pair += weight }
                        previous = match
                    }
                }
            }
        }
    }

    /// What the lists were computed against: the last section id then, the rows and average
    /// length, and how many sections were added or removed since (incremental builds keep the
    /// lists and searches merge the changes in, until they amount to an eighth of the library).
    struct Basis {
        var watermark: Int64
        var rows: Double
        var averageLength: Double
        var changed: Int

        static func load(_ db: Database) throws -> Basis? {
            guard
                let text = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM info WHERE key = 'topLists'"))
            else {
                return nil
            }
            let parts = text.split(separator: " ")
            guard parts.count == 4, let watermark = Int64(parts[0]), let rows = Double(parts[1]),
                let average = Double(parts[2]), let changed = Int(parts[3])
            else { return nil }
            return Basis(watermark: watermark, rows: rows, averageLength: average, changed: changed)
        }

        func save(_ db: Database) throws {
            try db.execute(
                sql: "INSERT OR REPLACE INTO info(key, value) VALUES ('topLists', ?)",
                arguments: ["\(watermark) \(rows) \(averageLength) \(changed)"])
        }
    }

    // MARK: Building

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
        var collector = Collector(statistics: statistics, parameters: parameters)
        let sections = try Row.fetchCursor(
            db, sql: "SELECT id, CAST(title AS BLOB), CAST(body AS BLOB) FROM section")
        var done = 0
        while let row = try sections.next() {
            done += 1
            if done % 4096 == 0 || done == rows { progress?(done, rows) }
            let id: Int64 = row[0]
            try row.withUnsafeData(atIndex: 1) { title in
                try row.withUnsafeData(atIndex: 2) { body in
                    collector.add(id: id, title: title ?? Data(), body: body ?? Data())
                }
            }
        }
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
            bm25 = BM25(rows: Double(rows), averageLength: rows > 0 ? tokens / Double(rows) : 1)
            let threshold = parameters.threshold(rows: rows)
            frequent = rowsWith.map { $0 >= threshold }
            listed = rowsWith.map { $0 > Double(parameters.length) }
        }
    }

    /// Scores every row once and keeps, per list, the best `length` in bounded heaps, so
    /// memory follows the number of lists, not the size of the library.
    struct Collector {
        let statistics: Statistics
        let parameters: Parameters
        let idf: [Double]
        var single: [Heap]
        var pairSlots = FlatTable()
        var chains: [Heap] = []
        var phrases: [Heap] = []
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
            single = Array(repeating: Heap(), count: statistics.terms.count)
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
                    single[term].offer(TopLists.key(score[term], id), keeping: parameters.length)
                }
            }
            for (pair, phraseFrequency) in pairFrequency {
                let slot: Int
                if let known = pairSlots[pair] {
                    slot = Int(known)
                } else {
                    slot = chains.count
                    pairSlots[pair] = Int32(slot)
                    chains.append(Heap())
                    phrases.append(Heap())
                }
                let both = score[Int(pair >> 32)] + score[Int(pair & 0xFFFF_FFFF)]
                chains[slot].offer(TopLists.key(both, id), keeping: parameters.length)
                phrases[slot].offer(
                    TopLists.key(statistics.bm25.weight(frequency: phraseFrequency, length: length), id),
                    keeping: parameters.length)
            }
            for term in touched { frequency[Int(term)] = 0 }
            touched.removeAll(keepingCapacity: true)
            prefixes.endSection()
            pairsInRow.removeAll()
            pairFrequency.removeAll(keepingCapacity: true)
        }

        func write(_ db: Database) throws {
            let insert = try db.makeStatement(
                sql: "INSERT INTO top_list(key, matches, rows, phraseRows) VALUES (?, ?, ?, ?)")
            for (term, heap) in single.enumerated() where statistics.listed[term] {
                try insert.execute(arguments: [statistics.terms[term], heap.seen, encode(heap.ranked), nil])
            }
            for (pair, slot) in pairSlots.entries {
                let key = TopLists.key([statistics.terms[Int(pair >> 32)], statistics.terms[Int(pair & 0xFFFF_FFFF)]])
                let chain = chains[Int(slot)].seen >= parameters.minimumChainRows ? chains[Int(slot)].ranked : []
                let phrase = phrases[Int(slot)].ranked
                let phraseData: Data
                if !chain.isEmpty, chain.count == chains[Int(slot)].seen {
                    // Complete: the same rows in another order, one byte each.
                    let place = Dictionary(uniqueKeysWithValues: chain.enumerated().map { ($1, UInt8($0)) })
                    phraseData = Data(phrase.map { place[$0]! })
                } else {
                    phraseData = encode(phrase)
                }
                try insert.execute(arguments: [key, chains[Int(slot)].seen, encode(chain), phraseData])
            }
            try prefixes.write(insert)
        }
    }

    /// A min-heap of the best keys offered so far, and how many were offered.
    struct Heap {
        var entries: [UInt64] = []
        var seen = 0

        mutating func offer(_ key: UInt64, keeping limit: Int) {
            seen += 1
            if entries.count < limit {
                entries.append(key)
                var child = entries.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard entries[child] < entries[parent] else { break }
                    entries.swapAt(child, parent)
                    child = parent
                }
            } else if key > entries[0] {
                entries[0] = key
                var parent = 0
                while true {
                    var smallest = parent
                    let left = 2 * parent + 1
                    if left < entries.count, entries[left] < entries[smallest] { smallest = left }
                    if left + 1 < entries.count, entries[left + 1] < entries[smallest] { smallest = left + 1 }
                    guard smallest != parent else { break }
                    entries.swapAt(parent, smallest)
                    parent = smallest
                }
            }
        }

        /// Row ids, best first.
        var ranked: [UInt32] { entries.sorted(by: >).map { UInt32(TopLists.maximumID - ($0 & TopLists.maximumID)) } }
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
