/// Re-ranks FTS5's BM25 candidates the way a Vietnamese reader expects.
///
/// Folding merges many distinct words (dang ← đang, đáng, Đảng...), so BM25 alone ranks
/// "kết luận … thích hợp … định hướng … ký" as high as "kết hợp … định kỳ". Three signals
/// order the sections, each deciding only between sections the stronger ones leave equal:
/// 1. diacritics: the share of the words typed *with* marks that appear with those very marks
///    (tone placement ignored), 2. adjacency: the share of neighbouring query words that stand
///    next to each other in the text, in the order typed, 3. BM25.
///
/// Without typed marks the first two need no text: FTS5 knows where each word stands, and
/// `sotay_rank` (``RankFunction``) orders every match by adjacency then BM25 itself.
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
        public var diacritics: Double
        public var adjacency: Double

        /// Stronger signals first; reading order last, so equal sections keep a stable order.
        func ranks(before other: Scored) -> Bool {
            if diacritics != other.diacritics { return diacritics > other.diacritics }
            if adjacency != other.adjacency { return adjacency > other.adjacency }
            if candidate.bm25 != other.candidate.bm25 { return candidate.bm25 < other.candidate.bm25 }
            return candidate.order < other.candidate.order
        }
    }

    public static func rank(_ candidates: [Candidate], for query: SearchQuery) -> [Scored] {
        let matcher = Matcher(query)
        return candidates.map { candidate -> Scored in
            let (diacritics, adjacency) = matcher.scores(title: candidate.title, body: candidate.body)
            return Scored(candidate: candidate, diacritics: diacritics, adjacency: adjacency)
        }.sorted { $0.ranks(before: $1) }
    }

    /// Whether FTS5 can give the final order itself (``RankFunction`` with ``adjacencySpec``):
    /// no word typed with marks, whose exact forms only the text shows, and no prefix, which
    /// the ranker never counts as adjacent.
    public static func isOrderedByFTS(_ query: SearchQuery) -> Bool {
        !query.allPositiveTokens.contains { $0.exactKey != nil }
            && !query.clauses.contains { $0.contains(where: \.isPrefix) }
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
