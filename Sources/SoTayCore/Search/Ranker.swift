/// Re-ranks FTS5's BM25 candidates the way a Vietnamese reader expects.
///
/// Folding merges many distinct words (dang ← đang, đáng, Đảng...), so BM25 alone ranks
/// "kết luận … thích hợp … định hướng … ký" as high as "kết hợp … định kỳ". Three signals,
/// each in 0...1, are combined so that a stronger one always outweighs the weaker ones:
/// 1. diacritics: how many of the words typed *with* marks appear with those very marks
///    (tone placement ignored), 2. adjacency: how many neighbouring query words stand next to
///    each other in the text, in the order typed, 3. BM25 relative to the best candidate.
public enum Ranker {
    public struct Candidate: Sendable {
        public var id: Int64
        public var title: String
        public var body: String
        /// FTS5's bm25(): negative, lower is better.
        public var bm25: Double
        /// Reading order, to break ties stably.
        public var order: Int

        public init(id: Int64, title: String, body: String, bm25: Double, order: Int) {
            self.id = id
            self.title = title
            self.body = body
            self.bm25 = bm25
            self.order = order
        }
    }

    public struct Scored: Sendable {
        public var candidate: Candidate
        public var score: Double
        public var diacritics: Double
        public var adjacency: Double
    }

    public static func rank(_ candidates: [Candidate], for query: SearchQuery) -> [Scored] {
        let best = candidates.map(\.bm25).min() ?? -1
        let scored = candidates.map { candidate -> Scored in
            let diacritics = diacriticScore(query, candidate: candidate)
            let adjacency = adjacencyScore(
                query, fields: [Folding.tokens(in: candidate.title), Folding.tokens(in: candidate.body)])
            let relevance = best < 0 ? min(1, candidate.bm25 / best) : 0
            return Scored(
                candidate: candidate, score: 4 * diacritics + 2 * adjacency + relevance,
                diacritics: diacritics, adjacency: adjacency)
        }
        return scored.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.candidate.order < $1.candidate.order
        }
    }

    /// Share of adjacent query-word pairs found side by side, in order, in the title or in the body.
    static func adjacencyScore(_ query: SearchQuery, fields: [[Folding.Token]]) -> Double {
        var pairs = 0
        var found = 0
        for chain in query.chains where chain.count > 1 {
            for i in 0..<(chain.count - 1) {
                pairs += 1
                let first = chain[i].folded
                let second = chain[i + 1].folded
                let adjacent = fields.contains { tokens in
                    tokens.indices.dropLast().contains { p in
                        tokens[p].folded == first && tokens[p + 1].folded == second
                    }
                }
                if adjacent { found += 1 }
            }
        }
        return pairs == 0 ? 0 : Double(found) / Double(pairs)
    }

    /// Share of the words typed with marks that the text has with the same marks.
    static func diacriticScore(_ query: SearchQuery, candidate: Candidate) -> Double {
        let marked = query.allPositiveTokens.filter { $0.exactKey != nil }
        guard !marked.isEmpty else { return 0 }
        var keys = Set<String>()
        for text in [candidate.title, candidate.body] {
            let utf8 = Array(text.utf8)
            for token in Folding.tokens(in: text) where marked.contains(where: { $0.folded == token.folded }) {
                keys.insert(VietnameseText.exactKey(String(decoding: utf8[token.start..<token.end], as: UTF8.self)))
            }
        }
        let hits = marked.filter { keys.contains($0.exactKey!) }.count
        return Double(hits) / Double(marked.count)
    }
}
