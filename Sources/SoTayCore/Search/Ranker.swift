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
    }

    public static func rank(_ candidates: [Candidate], for query: SearchQuery) -> [Scored] {
        let best = candidates.map(\.bm25).min() ?? -1
        let matcher = Matcher(query)
        let scored = candidates.map { candidate -> Scored in
            let (diacritics, adjacency) = matcher.scores(title: candidate.title, body: candidate.body)
            let relevance = best < 0 ? min(1, candidate.bm25 / best) : 0
            return Scored(candidate: candidate, score: 4 * diacritics + 2 * adjacency + relevance)
        }
        return scored.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.candidate.order < $1.candidate.order
        }
    }

    /// Whether the order is BM25's alone: one word typed without marks gives adjacency and
    /// diacritics nothing to act on, so FTS5's own ranking is final and no re-ranking is needed.
    public static func isPlainBM25(_ query: SearchQuery) -> Bool {
        !query.chains.contains { $0.count > 1 } && !query.allPositiveTokens.contains { $0.exactKey != nil }
    }

    /// Scans a candidate's text once, on bytes, for the query's tokens: no string is made per
    /// token, since this runs over every candidate of every search.
    struct Matcher {
        /// The folded bytes of each distinct positive token.
        let tokens: [[UInt8]]
        /// Pairs (i, j) of token indices the user typed next to each other.
        let pairs: [(Int, Int)]
        /// For tokens typed with marks, the exact key to find.
        let exactKeys: [Int: String]

        init(_ query: SearchQuery) {
            var tokens: [[UInt8]] = []
            func index(_ folded: String) -> Int {
                let bytes = Array(folded.utf8)
                if let i = tokens.firstIndex(of: bytes) { return i }
                tokens.append(bytes)
                return tokens.count - 1
            }
            var exactKeys: [Int: String] = [:]
            for token in query.allPositiveTokens {
                let i = index(token.folded)
                if let key = token.exactKey { exactKeys[i] = key }
            }
            self.pairs = query.chains.flatMap { chain in
                zip(chain, chain.dropFirst()).map { (index($0.folded), index($1.folded)) }
            }
            self.tokens = tokens
            self.exactKeys = exactKeys
        }

        /// Share of typed-with-marks tokens found with those marks, and of adjacent pairs found adjacent.
        func scores(title: String, body: String) -> (diacritics: Double, adjacency: Double) {
            var adjacent = Set<Int>()
            var exact = Set<Int>()
            for text in [title, body] {
                var text = text
                text.withUTF8 { utf8 in
                    var previous = -1
                    Folding.scan(utf8) { folded, start, end in
                        let match = tokens.firstIndex { $0.elementsEqual(folded) } ?? -1
                        if match >= 0, previous >= 0 {
                            for (n, pair) in pairs.enumerated() where pair == (previous, match) { adjacent.insert(n) }
                        }
                        if match >= 0, let key = exactKeys[match], !exact.contains(match),
                            VietnameseText.exactKey(
                                String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
                                == key
                        {
                            exact.insert(match)
                        }
                        previous = match
                    }
                }
            }
            let diacritics = exactKeys.isEmpty ? 0 : Double(exact.count) / Double(exactKeys.count)
            let adjacency = pairs.isEmpty ? 0 : Double(adjacent.count) / Double(pairs.count)
            return (diacritics, adjacency)
        }
    }
}
