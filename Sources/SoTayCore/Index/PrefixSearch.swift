import GRDB

/// Searches that end in a short prefix, as a word being typed: "bat thay t*".
///
/// FTS5 answers a prefix by first merging the lists of every word that begins with it, before
/// it looks at the other words: for `t*` a third of the vocabulary, 150 ms at 100 MB, even
/// when the other words hold only a few hundred sections. Here FTS5 matches the other words
/// alone and scores them (`sotay_rank`), and the prefix is found in the text of those
/// sections, scored as FTS5's `bm25()` scores a prefix phrase: its hits with the column
/// weights, its idf from the sections holding it (``PrefixCounts``). Every match is then
/// ranked by ``Ranker``, as the exhaustive search does, so the order is the exhaustive one.
enum PrefixSearch {
    /// Reading a section's text costs about ten times what FTS5's merge costs per section
    /// holding the prefix (measured at 100 MB: 10 µs against 1 µs), so the text is read only
    /// when the other words' sections are fewer than a tenth of the prefix's.
    static let costRatio = 10

    /// Every match of `query` in ``Ranker``'s order, or nil when the query is not one word or
    /// more and a one-word prefix, or when FTS5's merge would be quicker.
    static func ranked(
        for query: SearchQuery, rowCount: (SearchQuery.Term) throws -> Int, costRatio: Int = costRatio,
        _ db: Database
    ) throws -> [Ranker.Scored]? {
        guard query.clauses.count > 1, query.clauses.allSatisfy({ $0.count == 1 }) else { return nil }
        let prefixed = query.clauses.indices.filter { query.clauses[$0][0].isPrefix }
        guard prefixed.count == 1 else { return nil }
        var others = query
        let prefix = others.clauses.remove(at: prefixed[0])[0]
        guard prefix.tokens.count == 1 else { return nil }
        let counts = try others.clauses.map { try rowCount($0[0]) }
        let prefixRows = try rowCount(prefix)
        guard let fewest = counts.min(), fewest * costRatio < prefixRows else { return nil }

        // sotay_rank with no adjacency ("0"): plain BM25 of the other words.
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    WITH hit AS (
                        SELECT rowid AS id,
                            \(RankFunction.name)(section_fts, '0'\(String(repeating: ", ?", count: counts.count))) AS score,
                            \(RankFunction.totalsName)(section_fts, 0) AS rows,
                            \(RankFunction.totalsName)(section_fts, 1) AS tokens
                        FROM section_fts WHERE section_fts MATCH ?)
                    SELECT s.id, s.documentId, s.position, s.title, s.body, hit.score, hit.rows, hit.tokens
                    FROM hit JOIN section s ON s.id = hit.id
                    """),
            arguments: StatementArguments(counts + [others.ftsPattern]))
        guard let first = rows.first else { return [] }
        let totalRows: Double = first["rows"]
        let bm25 = BM25(rows: totalRows, averageLength: (first["tokens"] as Double) / max(1, totalRows))
        let idf = bm25.idf(matchingRows: Double(prefixRows))
        let wanted = Array(prefix.tokens[0].folded.utf8)
        let matcher = Ranker.Matcher(query)
        var scored: [Ranker.Scored] = []
        for row in rows {
            let title: String = row["title"]
            let body: String = row["body"]
            // One scan for the ranker's signals and the prefix's score.
            let signals = matcher.signals(title: title, body: body, prefix: wanted)
            guard signals.prefixHits > 0 else { continue }
            let score = idf * bm25.weight(frequency: signals.prefixHits, length: signals.length)
            scored.append(
                Ranker.Scored(
                    candidate: Ranker.Candidate(
                        id: row["id"], title: title, body: body, bm25: (row["score"] as Double) - score,
                        order: Int(row["documentId"] as Int64) * 1_000_000 + (row["position"] as Int)),
                    diacritics: signals.diacritics, adjacency: signals.adjacency))
        }
        return Ranker.order(scored)
    }
}
