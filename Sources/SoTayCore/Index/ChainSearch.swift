import Foundation
import GRDB

/// Searches of several common syllables typed together: "dang uy chi uy", "thu ky sinh hoat".
///
/// Such a search ranks first the sections where every typed neighbour stands next to its
/// neighbour (``Ranker``). FTS5 finds them only by reading the position lists of all the
/// words, each in most sections: at 100 MB it ranks 96,000 sections to keep ten of 501, 190
/// ms. Here the stored rows of the typed pairs (``AdjacentRows``) are intersected, which leaves
/// the few hundred or thousand sections that can hold every pair together, and those are
/// scored from their text with the very operations of `sotay_rank` (``TokenCounts``),
/// the sections added since the lists were made by FTS5. When the sections holding every pair
/// together fill the first `fetched`, those are the first `fetched` of the whole search, in
/// its order; otherwise the search goes to FTS5.
enum ChainSearch {
    /// Scoring a candidate from its text costs about six times what FTS5 spends per section
    /// of the least common word when it ranks the whole search (measured at 100 MB: 9 µs
    /// against 1.3 µs for "thu ky sinh hoat"), so the text is read only for fewer candidates.
    static let costRatio = 6

    /// The first `fetched` hits of `query`, given each phrase's row count (without marks, only
    /// their ids and ranks: FTS5's order is final and results read the sections), or nil when the
    /// query is not words typed apart (no quote, prefix, alternative or exclusion), when no
    /// stored rows narrow it enough to pay, or when the sections that rank first for certain
    /// are too few.
    ///
    /// Words typed with marks are ranked from the text after this (``Ranker``): the first
    /// `limit` sections that hold every pair together *and* every typed form are then the
    /// first of the whole search, where FTS5's first `fetched` are only a pool to re-rank.
    static func hits(
        for query: SearchQuery, counts: [Int], fetched: Int, limit: Int, costRatio: Int = costRatio,
        _ db: Database
    ) throws -> [Hit]? {
        guard query.excluded.isEmpty,
            query.clauses.allSatisfy({ $0.count == 1 && $0[0].tokens.count == 1 && !$0[0].isPrefix }),
            let fewest = counts.min()
        else { return nil }
        func narrowed() throws -> [UInt32]? {
            guard let candidates = try candidates(for: query, db), !candidates.isEmpty,
                candidates.count * costRatio < fewest
            else { return nil }
            return candidates
        }
        // Fewer than three words have no pair lists to try here: the common case (one rare
        // word) leaves before asking FTS5 anything.
        let listable = query.clauses.count >= 3
        let early = listable ? nil : try narrowed()
        guard listable || early != nil, let basis = try TopLists.Basis.load(db) else { return nil }
        let added = try TopLists.added(query, counts: counts, after: basis.watermark, db)
        guard let bm25 = try added.bm25 ?? RankFunction.statistics(matching: query.ftsPattern, db) else { return [] }
        let scoring = Scoring(query, counts: counts, bm25: bm25)
        let marked = query.hasTypedMarks
        let wanted = marked ? limit : fetched
        // Only the sections holding every pair together (sotay_rank -10^4 or less) can be first.
        let addedFirst: [Hit] = added.rows.filter(\.adjacent).map {
            Hit(id: $0.id, score: $0.rank, documentId: 0, position: 0, title: "", body: "")
        }
        if listable, let page = try listed(scoring, query: query, wanted: wanted, added: addedFirst, basis: basis, db) {
            return page
        }
        guard let candidates = try early ?? narrowed() else { return nil }
        let first = try addedFirst + scored(candidates.map(Int64.init), scoring, watermark: basis.watermark, db)
        guard first.count >= wanted else { return nil }
        // Without marks that order is final, and the results read their sections themselves.
        guard marked else { return Array(first.sorted(by: ranksBefore).prefix(wanted)) }
        // With marks, the text is read in that order until `limit` sections hold every typed form.
        let hits = try typedForms(first.sorted(by: ranksBefore), query: query, wanted: wanted, db)
        return hits.count == wanted ? hits : nil
    }

    /// The first `wanted` of `ranked` (in rank order) that hold every word as typed, read with
    /// their text, as the ranker wants them; fewer when `ranked` runs out.
    static func typedForms(_ ranked: [Hit], query: SearchQuery, wanted: Int, _ db: Database) throws -> [Hit] {
        let matcher = Ranker.Matcher(query)
        var hits: [Hit] = []
        for var hit in ranked {
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT documentId, position, title, body FROM section WHERE id = ?"),
                    arguments: [hit.id])
            else { continue }
            (hit.documentId, hit.position, hit.title, hit.body) = (row[0], row[1], row[2], row[3])
            guard matcher.scores(title: hit.title, body: hit.body).diacritics == 1 else { continue }
            hits.append(hit)
            if hits.count == wanted { break }
        }
        return hits
    }

    /// The sections that can hold every pair the user typed next to each other, as far as
    /// the stored rows tell (a pair with a rarer syllable keeps none and narrows nothing), or
    /// nil when no typed pair has rows. Sections added since the lists were made are not
    /// among them.
    static func candidates(for query: SearchQuery, _ db: Database) throws -> [UInt32]? {
        var keys: [String] = []
        for chain in query.chainPositions {
            for (first, second) in zip(chain, chain.dropFirst())
            where !first.term.isPrefix(at: first.index) && !second.term.isPrefix(at: second.index) {
                let key = TopLists.key([first.term.tokens[first.index].folded, second.term.tokens[second.index].folded])
                if !keys.contains(key) { keys.append(key) }
            }
        }
        var lists: [[UInt32]] = []
        for key in keys {
            guard
                let data = try Data.fetchOne(
                    db.cachedStatement(sql: "SELECT adjacentRows FROM top_list WHERE key = ?"), arguments: [key]),
                let ids = AdjacentRows.decode(data)
            else { continue }
            lists.append(ids)
        }
        return lists.isEmpty ? nil : AdjacentRows.intersection(lists)
    }
}
