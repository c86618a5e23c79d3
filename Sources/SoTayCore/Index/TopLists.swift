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
/// thousand matches; so does a prefix typed alone, the word being typed in the search box,
/// from its own list (``PrefixLists``). Anything else, or a page the list cannot fill, goes
/// to FTS5.
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
        /// Which pairs keep every row where they stand together.
        var adjacent = AdjacentRows.Parameters()
        /// Sections are scored in batches of about this many bytes of text, on two threads.
        var batchBytes = 256 << 10
        /// Batches alternate between the threads, instead of going to the second whenever it
        /// has room: tests make batches of one section and alternate them, so that every list
        /// is a merge of both threads' lists, whatever the timing.
        var alternateBatches = false
        /// The share of the sections a full build leaves to the second thread while this one
        /// runs FTS5's merge (0.8 s of one core at 100 MB). There, 0.6 took 4.43 s and three
        /// quarters 4.55 s (medians of six builds each, alternating; a quarter and a half were
        /// within the spread of both), this thread then waiting for the other at the end of
        /// the merge; with three quarters the peak was lower, 133 against 137 MB.
        var mergeTail = 0.6

        func threshold(rows: Int) -> Double { max(Double(minimumRows), Double(rows) * rowShare) }
    }

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE top_list(
                    key TEXT PRIMARY KEY,
                    matches INTEGER NOT NULL,
                    rows BLOB NOT NULL,
                    phraseRows BLOB,
                    adjacentRows BLOB
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

    /// The list stored under `key`, a word's or pair's (``key(_:)``) or a prefix's
    /// (``PrefixCounts/key(_:)``): how many sections held it when the lists were made, and the
    /// best of them, best first; nil when no list has it.
    static func list(key: String, _ db: Database) throws -> (matches: Int, ids: [Int64])? {
        guard let row = try Row.fetchOne(lookup(db), arguments: [key]) else { return nil }
        return (row["matches"], decode(row["rows"]))
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
        // A prefix with other words ranks by what the lists do not keep; alone, by its own
        // list, when it has one (``PrefixLists``).
        let isPrefix = terms.count == 1 && terms[0].isPrefix
        guard isPrefix ? terms[0].tokens.count == 1 : !terms.contains(where: \.isPrefix) else { return nil }
        let tokens = terms.flatMap(\.tokens).map(\.folded)
        let isChain: Bool
        switch (terms.count, tokens.count) {
        case (1, 1), (1, 2): isChain = false  // a word, or a quoted pair
        case (2, 2): isChain = true  // two words typed apart
        default: return nil
        }
        guard
            let row = try Row.fetchOne(
                lookup(db), arguments: [isPrefix ? PrefixCounts.key(tokens[0]) : key(tokens)])
        else { return nil }
        let matches: Int = row["matches"]
        let chain = decode(row["rows"])
        var ids = tokens.count == 2 && !isChain ? phraseOrder(row["phraseRows"], chain: chain, matches: matches) : chain
        let complete = ids.count == matches
        if let basis = try Basis.load(db), basis.changed > 0 {
            // Sections were replaced since the lists were made: the removed ones are dropped,
            // and the added ones, ranked by FTS5, are merged with the listed ones, ranked from
            // their text by the same formula, counts and statistics.
            // One term (a word, a prefix, a quoted pair): its count is this list's. Two words
            // typed apart: each word's own.
            var counts = [matches]
            if isChain {
                counts = []
                for term in terms {
                    guard let count = try recordedMatches(term.tokens.map(\.folded), db) else { return nil }
                    counts.append(count)
                }
            }
            let added = try self.added(query, counts: counts, after: basis.watermark, db)
            if let bm25 = added.bm25 {
                // Reading the listed sections' text also drops the removed ones.
                let listed = try ranked(
                    ids, tokens: tokens, isChain: isChain, isPrefix: isPrefix, counts: counts, bm25: bm25, db)
                guard listed.count >= limit || (complete && !isChain) else { return nil }
                // Two words typed apart: only the added sections where they stand together.
                var fresh = added.rows.filter { !isChain || $0.adjacent }.map { (id: $0.id, rank: $0.rank) }
                if !complete, let floor = listed.map(\.rank).max() {
                    // The sections the list left out rank after its floor, and so may added
                    // ones that rank there: with typed marks the page is read that far, and
                    // would skip the left-out ones. (A tie with the floor ranks after it too:
                    // the ids of added sections are above every old one.)
                    fresh.removeAll { $0.rank >= floor }
                }
                ids = (listed + fresh).sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id }.map(\.id)
            } else {
                ids = try ids.filter {
                    try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM section WHERE id = ?"), arguments: [$0])
                        != nil
                }
            }
        }
        // Two words typed apart rank the rows where they stand together first; when those do
        // not fill the page, the rest are rows with the words apart, which no list holds.
        guard ids.count >= limit || (complete && !isChain) else { return nil }
        if query.hasTypedMarks {
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
    /// (`sotay_rank`, lower first) with the terms' recorded `counts`, as a search would rank
    /// them, and the index's statistics now; nil statistics when none was added.
    static func added(
        _ query: SearchQuery, counts: [Int], after watermark: Int64, _ db: Database
    ) throws -> (rows: [(id: Int64, rank: Double, adjacent: Bool)], bm25: BM25?) {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT rowid, \(RankFunction.name)(section_fts, ?\(String(repeating: ", ?", count: counts.count))),
                        \(RankFunction.totalsName)(section_fts, 0), \(RankFunction.totalsName)(section_fts, 1)
                    FROM section_fts WHERE section_fts MATCH ? AND rowid > ?
                    """),
            arguments: StatementArguments([query.adjacencySpec] + counts + [query.ftsPattern, watermark]))
        guard let first = rows.first else { return ([], nil) }
        let bm25 = BM25(rows: first[2], tokens: first[3])
        // sotay_rank is the score negated, less 10^4 when the words stand together.
        return (rows.map { row in (row[0], row[1], (row[1] as Double) <= -10_000) }, bm25)
    }

    /// The rank `sotay_rank` would give each listed section still in the index for the list's
    /// search, from its text and the terms' `counts`: a word's BM25 (or a prefix's), the sum
    /// of two words' over sections where they stand together, or a quoted pair's phrase score,
    /// negated, less 10^4 for a pair, which stands together. Made with the very operations
    /// `sotay_rank` makes, so equal scores stay equal and ties keep the reading order.
    static func ranked(
        _ ids: [Int64], tokens: [String], isChain: Bool, isPrefix: Bool = false, counts: [Int], bm25: BM25,
        _ db: Database
    ) throws -> [(id: Int64, rank: Double)] {
        let idf = counts.map { bm25.idf(matchingRows: Double($0)) }
        let wanted = tokens.map { Array($0.utf8) }
        let together = tokens.count == 2 ? 1.0 : 0.0
        var ranked: [(id: Int64, rank: Double)] = []
        for id in ids {
            guard let text = try SectionText.of(id, db) else { continue }
            let counts = TokenCounts(
                wanted, runs: tokens.count == 2 ? [[0, 1]] : [], asPrefixes: isPrefix, title: text.title,
                body: text.body)
            let weights = counts.frequency.map { bm25.weight(frequency: $0, length: counts.length) }
            let score =
                switch (tokens.count, isChain) {
                case (1, _): idf[0] * weights[0]
                case (_, true): idf[0] * weights[0] + idf[1] * weights[1]
                case (_, false): idf[0] * bm25.weight(frequency: counts.runs[0], length: counts.length)
                }
            ranked.append((id, -score - 10_000 * together))
        }
        return ranked
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
}
