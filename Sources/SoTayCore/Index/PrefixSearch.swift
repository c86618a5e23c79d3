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
    /// holding the prefix (measured at 100 MB: 10 µs against 1 µs), so when every match is
    /// read, the text is read only when the other words' sections are fewer than a tenth of
    /// the prefix's. When the prefix is typed last, few texts are read, and FTS5's scoring of
    /// the other words costs about 2 µs a section.
    static let costRatio = 10
    static let typedLastCostRatio = 2

    /// The first `limit` matches of `query` in ``Ranker``'s order, or nil when the query is
    /// not one word or more and a one-word prefix, or when FTS5's merge would be quicker.
    ///
    /// FTS5 scores the other words of every match without reading its text. When the prefix is
    /// typed last, the prefix can add at most one neighbour pair and its idf × (k1 + 1) to a
    /// section's score, which bounds what each unread section can reach. The text is read in
    /// the order of those bounds, and the walk stops once `limit` sections read rank above the
    /// bound of the next: for "nong th*" a few dozen of 12,000. A prefix typed earlier has
    /// neighbours on both sides, and every match is read.
    static func ranked(
        for query: SearchQuery, limit: Int, rowCount: (SearchQuery.Term) throws -> Int, costRatio: Int? = nil,
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
        let typedLast = prefixed[0] == query.clauses.count - 1
        guard let fewest = counts.min(),
            fewest * (costRatio ?? (typedLast ? Self.typedLastCostRatio : Self.costRatio)) < prefixRows
        else { return nil }

        // sotay_rank with no adjacency ("0"): plain BM25 of the other words; with the other
        // words' adjacency: how many of their pairs stand together, less 10^4 a share (asked
        // only when they have pairs: each call costs a fifth of the search).
        let otherPairs = Ranker.Matcher(others).pairs.count
        let adjusted =
            otherPairs == 0
            ? "0" : "\(RankFunction.name)(section_fts, ?\(String(repeating: ", ?", count: counts.count)))"
        guard let bm25 = try RankFunction.statistics(matching: others.ftsPattern, db) else { return [] }
        let idf = bm25.idf(matchingRows: Double(prefixRows))
        let wanted = Array(prefix.tokens[0].folded.utf8)
        let matcher = Ranker.Matcher(query)
        // What an unread section can reach: every typed form, its other words' pairs and the
        // prefix's, and the prefix's largest score.
        let prefixPairs = typedLast ? matcher.pairs.count - otherPairs : 0
        let marked = query.hasTypedMarks
        var bounds: [(id: Int64, score: Double, bound: Ranker.Bound)] = []
        let hits = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT rowid,
                        \(RankFunction.name)(section_fts, '0'\(String(repeating: ", ?", count: counts.count))),
                        \(adjusted)
                    FROM section_fts WHERE section_fts MATCH ?
                    """),
            arguments: StatementArguments(
                counts + (otherPairs == 0 ? [] : [others.adjacencySpec] + counts) + [others.ftsPattern]))
        while let hit = try hits.next() {
            let score: Double = hit[1]
            let found =
                otherPairs == 0 ? 0 : Int((((score - (hit[2] as Double)) / 10_000) * Double(otherPairs)).rounded())
            bounds.append(
                (
                    hit[0], score,
                    Ranker.Bound(
                        diacritics: marked ? 1 : 0,
                        adjacency: matcher.pairs.isEmpty
                            ? 0 : Double(found + prefixPairs) / Double(matcher.pairs.count),
                        bm25: score - idf * (BM25.k1 + 1))
                ))
        }
        if typedLast {
            bounds.sort { $0.bound.ranks(before: $1.bound) }
        }
        var best: [Ranker.Scored] = []
        let reader = try SectionText(db)
        for hit in bounds {
            if typedLast, best.count >= limit, best[limit - 1].beats(hit.bound) { break }
            try reader.read(hit.id) { documentId, position, title, body in
                // One scan for the ranker's signals and the prefix's score.
                let signals = matcher.signals(title: title, body: body, prefix: wanted)
                guard signals.prefixHits > 0 else { return }
                let score = idf * bm25.weight(frequency: signals.prefixHits, length: signals.length)
                keep(
                    hit.id, documentId: documentId, position: position, bm25: hit.score - score, signals: signals,
                    in: &best, limit: limit)
            }
        }
        return best
    }

    /// Keeps a section read for a prefix search among the best `limit`, in the ranker's order,
    /// with its BM25 as FTS5 gives it. Its text is not kept: the results read their sections.
    static func keep(
        _ id: Int64, documentId: Int64, position: Int, bm25: Double, signals: Ranker.Matcher.Signals,
        in best: inout [Ranker.Scored], limit: Int
    ) {
        let scored = Ranker.Scored(
            candidate: Ranker.Candidate(
                id: id, title: "", body: "", bm25: bm25, order: Int(documentId) * 1_000_000 + position),
            diacritics: signals.diacritics, adjacency: signals.adjacency)
        let place = best.firstIndex { scored.ranks(before: $0) } ?? best.count
        if place < limit {
            best.insert(scored, at: place)
            if best.count > limit { best.removeLast() }
        }
    }
}
