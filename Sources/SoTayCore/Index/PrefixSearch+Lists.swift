import Foundation
import GRDB

extension PrefixSearch {
    /// A word, then a prefix typed last: "thảo l", what the search box sends while the second
    /// word of a query is typed. Answered from the word's top list when that decides the page.
    ///
    /// A common word is what makes this slow elsewhere: FTS5 merges every word the prefix
    /// begins over all the word's sections, and ``ranked(for:limit:rowCount:costRatio:_:)``
    /// would score every one of them (90–115 ms for `thảo l` at 100 MB). The word's list holds
    /// its best sections by its own score. A section it leaves out scores at most the list's
    /// floor for the word, plus the most the prefix can add: its idf × (k1 + 1), or when the
    /// prefix has a list of its own (``TopLists/PrefixLists``), whose sections are read too, that
    /// list's floor. It may hold every typed form, and the prefix next to the word. The listed
    /// sections (and those added since the lists were made) are read and scored as FTS5 scores
    /// them: a threshold algorithm (Fagin's) over the two lists' heads. When the page's last
    /// beats that bound, or the list holds every section with the word, the page is the one
    /// ranking every match gives; otherwise nil, and the search goes on as before. A word in
    /// half the sections or more (`kết`) has its idf floored at 10⁻⁶, its list's scores all but
    /// equal, and the bound is never beaten: that stays slow.
    static func listed(
        for query: SearchQuery, limit: Int, rowCount: (SearchQuery.Term) throws -> Int, _ db: Database
    ) throws -> [Ranker.Scored]? {
        guard query.excluded.isEmpty, query.clauses.count == 2, query.clauses.allSatisfy({ $0.count == 1 })
        else { return nil }
        let (word, prefix) = (query.clauses[0][0], query.clauses[1][0])
        guard !word.isPrefix, word.tokens.count == 1, prefix.isPrefix, prefix.tokens.count == 1,
            let list = try TopLists.list(key: TopLists.key([word.tokens[0].folded]), db)
        else { return nil }
        let basis = try TopLists.Basis.load(db)
        // The prefix's own list, when it has one (``TopLists/PrefixLists``; one- and two-letter
        // prefixes may keep a count only): a section neither list holds scores at most both
        // floors, which bounds it far closer than the most the prefix can add. Only while no
        // section has changed since the lists were made: after that the prefix's idf is the
        // recorded one, and the wider set of sections it brings to the page then meets that
        // approximation (a test's two sections changed places).
        let prefixList =
            (basis?.changed ?? 0) > 0
            ? nil
            : try TopLists.list(key: PrefixCounts.key(prefix.tokens[0].folded), db).flatMap {
                $0.ids.isEmpty ? nil : $0
            }
        let (wordListed, prefixListed) = (Set(list.ids), Set(prefixList?.ids ?? []))
        var ids = list.ids + (prefixList?.ids ?? []).filter { !wordListed.contains($0) }
        // Whether a list holds every section with its word or prefix: then every match is read.
        let complete = list.ids.count == list.matches || prefixList.map { $0.ids.count == $0.matches } == true
        if let basis, basis.changed > 0 {
            // Sections added since may hold the word anywhere in the order: all are read
            // (removed ones are no longer found).
            ids += try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT rowid FROM section_fts WHERE section_fts MATCH ? AND rowid > ?"),
                arguments: [word.ftsPhrase, basis.watermark])
        }
        guard let bm25 = try RankFunction.statistics(matching: word.ftsPhrase, db) else { return [] }
        let wordIDF = bm25.idf(matchingRows: Double(try rowCount(word)))
        let prefixIDF = bm25.idf(matchingRows: Double(try rowCount(prefix)))
        let wordBytes = [Array(word.tokens[0].folded.utf8)]
        let prefixBytes = Array(prefix.tokens[0].folded.utf8)
        let matcher = Ranker.Matcher(query)
        var best: [Ranker.Scored] = []
        // The lowest score for the word (the prefix) among the sections its list holds that are
        // still in the index: at least the list's floor, which every section it left out
        // scores at most.
        var floor = Double.infinity
        var prefixFloor = prefixList == nil ? prefixIDF * (BM25.k1 + 1) : Double.infinity
        let reader = try SectionText(db)
        for id in ids {
            try reader.read(id) { documentId, position, title, body in
                let counts = TokenCounts(wordBytes, title: title, body: body)
                // The word's score as `sotay_rank` makes it (``TopLists/ranked``), the prefix's as
                // ``ranked(for:limit:rowCount:costRatio:_:)`` does.
                let wordScore = wordIDF * bm25.weight(frequency: counts.frequency[0], length: counts.length)
                let signals = matcher.signals(title: title, body: body, prefix: prefixBytes)
                let prefixScore = prefixIDF * bm25.weight(frequency: signals.prefixHits, length: signals.length)
                if wordListed.contains(id) { floor = min(floor, wordScore) }
                if prefixListed.contains(id) { prefixFloor = min(prefixFloor, prefixScore) }
                guard counts.frequency[0] > 0, signals.prefixHits > 0 else { return }
                keep(
                    id, documentId: documentId, position: position, bm25: -wordScore - prefixScore, signals: signals,
                    in: &best, limit: limit)
            }
        }
        if complete { return best }
        let left = Ranker.Bound(
            diacritics: query.hasTypedMarks ? 1 : 0, adjacency: matcher.pairs.isEmpty ? 0 : 1,
            bm25: -floor - prefixFloor)
        guard floor.isFinite, prefixFloor.isFinite, best.count >= limit, best[limit - 1].beats(left) else {
            return nil
        }
        return best
    }
}
