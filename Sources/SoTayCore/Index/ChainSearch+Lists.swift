import Foundation
import GRDB

extension ChainSearch {
    /// How `sotay_rank` ranks a section for words typed apart, from the section's text, with
    /// its very operations (so equal scores stay equal and ties keep the reading order).
    struct Scoring {
        /// The query's words, each once, and each typed word's place among them.
        let words: [[UInt8]]
        let phraseWord: [Int]
        /// Typed neighbours, as places among `words`.
        let pairs: [[Int]]
        /// Per typed word, from the row counts a search passes to `sotay_rank`.
        let idf: [Double]
        let bm25: BM25
        /// Per word: how often it was typed, and its idf (a word typed twice has one count).
        let times: [Double]
        let wordIdf: [Double]

        init(_ query: SearchQuery, counts: [Int], bm25: BM25) {
            (words, phraseWord) = TokenCounts.words(query.clauses.map { $0[0].tokens[0].folded })
            pairs = zip(phraseWord, phraseWord.dropFirst()).map { [$0, $1] }
            idf = counts.map { bm25.idf(matchingRows: Double($0)) }
            self.bm25 = bm25
            var times = Array(repeating: 0.0, count: words.count)
            var wordIdf = times
            for (phrase, word) in phraseWord.enumerated() {
                times[word] += 1
                wordIdf[word] = idf[phrase]
            }
            (self.times, self.wordIdf) = (times, wordIdf)
        }

        /// The rank of a section holding every word and every typed pair together: the score
        /// negated, less 10^4; nil for any other section, which ranks after all those.
        func rank(title: Data, body: Data) -> Double? {
            let counts = TokenCounts(words, runs: pairs, title: title, body: body)
            guard !counts.frequency.contains(0), !counts.runs.contains(0) else { return nil }
            var score = 0.0
            for (phrase, word) in phraseWord.enumerated() {
                score += idf[phrase] * bm25.weight(frequency: counts.frequency[word], length: counts.length)
            }
            return -score - 10_000
        }

        /// The most a word can add to a section's score each time it is typed: BM25 saturates
        /// below idf × (k1 + 1) however often the word occurs.
        func ceiling(_ word: Int) -> Double { wordIdf[word] * (BM25.k1 + 1) }

        /// The most a section can score when its score for the pair of words `a` and `b`, as
        /// the pair's list sums it (each word's idf × weight once), is at most `pair`: the
        /// pair's share goes to the word typed more often, the other words saturate.
        func bound(pair: Double, _ a: Int, _ b: Int) -> Double {
            var bound = 0.0
            for word in words.indices where word != a && word != b { bound += times[word] * ceiling(word) }
            if a == b { return bound + times[a] * min(pair / 2, ceiling(a)) }
            let (more, less) = times[a] >= times[b] ? (a, b) : (b, a)
            let first = min(pair, ceiling(more))
            return bound + times[more] * first + times[less] * min(max(pair - first, 0), ceiling(less))
        }

        /// A section's score for the pair of words `a` and `b`, as the pair's list sums it.
        func pairScore(_ a: Int, _ b: Int, title: Data, body: Data) -> Double {
            let counts = TokenCounts([words[a], words[b]], title: title, body: body)
            let weights = counts.frequency.map { bm25.weight(frequency: $0, length: counts.length) }
            let first = wordIdf[a] * weights[0]
            return a == b ? 2 * first : first + wordIdf[b] * weights[1]
        }
    }

    /// The page from the typed pairs' own lists (``TopLists``), when they decide it: three
    /// words or more typed apart whose every pair is common ("ban thuong vu", "cấp ủy cấp
    /// ủy"), where thousands of sections hold every pair together and scoring them all costs
    /// more than FTS5 ranking every match.
    ///
    /// A pair's list holds its best sections by the sum of its two words' scores, among those
    /// where the two stand together. A section the list leaves out scores at most the list's
    /// last for those two words, and at most what saturation allows for the others
    /// (``Scoring/bound(pair:_:_:)``); a list that holds every section with its pair leaves
    /// out none that can be first. The listed sections are scored from their text, those added
    /// since the lists were made are ranked by FTS5, and when the page's last section scores
    /// above some pair's bound, the page is the search's. After an incremental build the lists'
    /// order is the one of their day, as for every list (``TopLists``).
    static func listed(
        _ scoring: Scoring, query: SearchQuery, wanted: Int, added: [Hit], basis: TopLists.Basis, _ db: Database
    ) throws -> [Hit]? {
        var keys: [(a: Int, b: Int)] = []
        for pair in scoring.pairs where !keys.contains(where: { $0 == (pair[0], pair[1]) }) {
            keys.append((pair[0], pair[1]))
        }
        var candidates = Set<Int64>()
        var bound = Double.infinity
        for (a, b) in keys {
            let key = TopLists.key([scoring.words[a], scoring.words[b]].map { String(decoding: $0, as: UTF8.self) })
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT matches, rows FROM top_list WHERE key = ?"), arguments: [key])
            else { continue }
            let ids = TopLists.decode(row["rows"])
            guard let last = ids.last else { continue }
            candidates.formUnion(ids)
            if ids.count == row["matches"] as Int {
                bound = -Double.infinity
            } else if let text = try SectionText.of(last, db) {
                let pair = scoring.pairScore(a, b, title: text.title, body: text.body)
                bound = min(bound, scoring.bound(pair: pair, a, b))
            }
        }
        guard bound < .infinity else { return nil }
        // Scores a hair apart may come out of other sums in another order: the margin leaves
        // such a page to the other ways.
        let bar = bound.isFinite ? bound + abs(bound) * 1e-9 : bound
        func decides(_ hits: [Hit]) -> Bool { hits.count >= wanted && -(hits[wanted - 1].score + 10_000) > bar }
        let first = try (added + scored(Array(candidates), scoring, watermark: basis.watermark, db))
            .sorted(by: ranksBefore)
        // Holding the typed forms too only lowers the page's last: no need to read for them then.
        guard decides(first) else { return nil }
        let page = query.hasTypedMarks ? try typedForms(first, query: query, wanted: wanted, db) : first
        guard decides(page) else { return nil }
        return Array(page.prefix(wanted))
    }

    /// The rank of each of `ids` in the index when the lists were made that holds every word
    /// and every typed pair together, in no order.
    static func scored(_ ids: [Int64], _ scoring: Scoring, watermark: Int64, _ db: Database) throws -> [Hit] {
        // One statement reads every candidate: a look-up per row through GRDB costs more than
        // the row's scoring.
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT s.id, CAST(s.title AS BLOB), CAST(s.body AS BLOB)
                    FROM json_each(?) AS candidate CROSS JOIN section s ON s.id = candidate.value
                    WHERE s.id <= ?
                    """),
            arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]", watermark])
        var hits: [Hit] = []
        while let row = try rows.next() {
            let rank = try row.withUnsafeData(atIndex: 1) { title in
                try row.withUnsafeData(atIndex: 2) { body in scoring.rank(title: title ?? Data(), body: body ?? Data())
                }
            }
            if let rank { hits.append(Hit(id: row[0], score: rank, documentId: 0, position: 0, title: "", body: "")) }
        }
        return hits
    }

    /// FTS5's order (rank, then id); the ranker orders equal ranks by reading order.
    static func ranksBefore(_ a: Hit, _ b: Hit) -> Bool { a.score != b.score ? a.score < b.score : a.id < b.id }
}
