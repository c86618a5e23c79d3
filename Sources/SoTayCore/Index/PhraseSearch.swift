import Foundation
import GRDB

/// Quoted phrases of three syllables or more: `"tu phe binh"`, `"dang uy chi uy"`.
///
/// FTS5 ranks every section holding the phrase, 29,000 for "tự phê bình" at 100 MB, 40 to 60
/// ms. Two ways find the page without them, both scoring their candidates from the text:
/// - A phrase holds each of its pairs, at least as often as the phrase itself, so a section's
///   phrase score is at most its score for any one pair, and the pair's list (``TopLists``,
///   by that score) bounds every section it does not hold by its last. When the page's last
///   section, among those the lists hold, scores above a bound, no other section can reach
///   the page.
/// - When that does not decide (a phrase rarer than its pairs), the rows of the pairs
///   (``AdjacentRows``) intersect to a set that holds every section with the phrase.
///
/// After an incremental build the index's average length has moved a little from the lists'
/// own, which can reorder sections of different lengths; the lists' merges accept the same.
enum PhraseSearch {
    /// The first `limit` sections of `query`, or nil when it is not one quoted phrase of three
    /// words or more, typed without marks, or when neither way decides the page.
    static func ids(
        for query: SearchQuery, limit: Int, costRatio: Int = ChainSearch.costRatio, _ db: Database
    ) throws -> [Int64]? {
        guard query.excluded.isEmpty, query.clauses.count == 1, query.clauses[0].count == 1 else { return nil }
        let term = query.clauses[0][0]
        guard term.tokens.count >= 3, !term.isPrefix, !query.hasTypedMarks,
            let basis = try TopLists.Basis.load(db)
        else { return nil }
        // FTS5 gives the index's statistics with a match only: without one, the page is empty.
        guard let bm25 = try RankFunction.statistics(matching: query.ftsPattern, db) else { return [] }
        let tokens = term.tokens.map(\.folded)
        // Sections added since the lists were made are in no list: they are all candidates.
        let added = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT rowid FROM section_fts WHERE section_fts MATCH ? AND rowid > ?"),
            arguments: [query.ftsPattern, basis.watermark])
        func ranked(_ candidates: some Sequence<Int64>) throws -> [(id: Int64, weight: Double)] {
            var scored: [(id: Int64, weight: Double)] = []
            for id in candidates {
                guard let text = try SectionText.of(id, db) else { continue }
                let (frequency, length) = run(tokens, title: text.title, body: text.body)
                guard frequency > 0 else { continue }
                scored.append((id, bm25.weight(frequency: frequency, length: length)))
            }
            return scored.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.id < $1.id }
        }

        var candidates = Set<Int64>(added)
        // Per pair list: what a section it does not hold can score at most, and the id of its
        // last section, which such a section scoring as much follows in the list's order.
        var bounds: [(weight: Double, last: Int64)] = []
        for n in 0..<(tokens.count - 1) {
            let pair = [term.tokens[n].folded, term.tokens[n + 1].folded]
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT matches, rows, phraseRows FROM top_list WHERE key = ?"),
                    arguments: [TopLists.key(pair)])
            else { continue }
            let matches: Int = row["matches"]
            let ids = TopLists.phraseOrder(row["phraseRows"], chain: TopLists.decode(row["rows"]), matches: matches)
            candidates.formUnion(ids)
            guard ids.count < matches else {
                // The list holds every section with the pair, so none other holds the phrase.
                bounds.append((0, 0))
                continue
            }
            guard let last = ids.last, let text = try SectionText.of(last, db) else { continue }
            let (frequency, length) = run(pair, title: text.title, body: text.body)
            bounds.append((bm25.weight(frequency: frequency, length: length), last))
        }
        let scored = try ranked(candidates)
        if scored.count >= limit, decides(scored[limit - 1], bounds: bounds) {
            return scored.prefix(limit).map(\.id)
        }

        // Every section holding the phrase holds all its pairs together: when each word is
        // common and the pairs keep their rows (``AdjacentRows``), their intersection holds
        // them all, and scoring it gives the page whatever its length.
        let counts = try term.tokens.map { try TopLists.recordedMatches([$0.folded], db) }
        if let fewest = counts.map({ $0 ?? 0 }).min(), let narrowed = try ChainSearch.candidates(for: query, db),
            narrowed.count * costRatio < fewest
        {
            return try ranked(narrowed.map(Int64.init) + added).prefix(limit).map(\.id)
        }
        return nil
    }

    /// Whether the page's `last` section comes before every section no pair list holds: it
    /// scores above one list's bound, or as much and no later than that list's last section,
    /// which a section outside the list scoring as much follows (many sections score alike,
    /// such as those titled with the phrase). Scores within 10^-8 of each other are ordered by
    /// id in the lists, so a section could score a hair above a bound it follows; distinct
    /// scores that close do not occur in practice.
    static func decides(_ last: (id: Int64, weight: Double), bounds: [(weight: Double, last: Int64)]) -> Bool {
        bounds.contains { last.weight > $0.weight || (last.weight == $0.weight && last.id <= $0.last) }
    }

    /// How often a section holds `tokens` one after the other, with the title's weight, and
    /// its length in tokens.
    private static func run(_ tokens: [String], title: Data, body: Data) -> (frequency: Double, length: Double) {
        let (words, run) = TokenCounts.words(tokens)
        let counts = TokenCounts(words, runs: [run], title: title, body: body)
        return (counts.runs[0], counts.length)
    }
}
