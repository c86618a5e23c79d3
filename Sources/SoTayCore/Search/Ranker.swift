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

        /// Whether this section ranks before every section that can reach at most `bound`:
        /// strictly, since an equal one might come first in reading order.
        func beats(_ bound: Bound) -> Bool {
            (diacritics, adjacency, -candidate.bm25) > (bound.diacritics, bound.adjacency, -bound.bm25)
        }

        /// Stronger signals first; reading order last, so equal sections keep a stable order.
        func ranks(before other: Scored) -> Bool {
            if diacritics != other.diacritics { return diacritics > other.diacritics }
            if adjacency != other.adjacency { return adjacency > other.adjacency }
            if candidate.bm25 != other.candidate.bm25 { return candidate.bm25 < other.candidate.bm25 }
            return candidate.order < other.candidate.order
        }
    }

    /// The most a section not yet scored can reach on each signal, BM25 as FTS5 gives it
    /// (negative, lower is better).
    struct Bound {
        var diacritics: Double
        var adjacency: Double
        var bm25: Double

        func ranks(before other: Bound) -> Bool {
            (diacritics, adjacency, -bm25) > (other.diacritics, other.adjacency, -other.bm25)
        }
    }

    /// Orders scored candidates, strongest signals first.
    static func order(_ scored: [Scored]) -> [Scored] { scored.sorted { $0.ranks(before: $1) } }

    public static func rank(_ candidates: [Candidate], for query: SearchQuery) -> [Scored] {
        let matcher = Matcher(query)
        return candidates.map { candidate -> Scored in
            let (diacritics, adjacency) = matcher.scores(title: candidate.title, body: candidate.body)
            return Scored(candidate: candidate, diacritics: diacritics, adjacency: adjacency)
        }.sorted { $0.ranks(before: $1) }
    }

    /// Whether FTS5 can give the final order itself (``RankFunction`` with ``adjacencySpec``):
    /// no word typed with marks, whose exact forms only the text shows, and no prefix. FTS5
    /// finds a phrase next to the phrase before it, the ranker a word next to the word before
    /// it; around a prefix the two differ on sections that matter (a test's `"chi bo" s*`), so
    /// those candidates are re-ranked from their text.
    public static func isOrderedByFTS(_ query: SearchQuery) -> Bool {
        !query.hasTypedMarks && !query.clauses.contains { $0.contains(where: \.isPrefix) }
    }

    /// Whether the order is BM25's alone: one word typed without marks gives adjacency and
    /// diacritics nothing to act on, so FTS5's own ranking is final and no re-ranking is needed.
    public static func isPlainBM25(_ query: SearchQuery) -> Bool {
        !query.chains.contains { $0.count > 1 } && !query.hasTypedMarks
    }

    /// Scans a candidate's text once, on bytes, for the query's tokens: no string is made per
    /// token, since this runs over every candidate of every search.
    ///
    /// A prefix (`v*`, the last token of a term typed with a star) matches every word that
    /// begins with it, as in FTS5, so "dang v*" finds "đảng viên" adjacent, as `sotay_rank`
    /// does. Marks count on a word equal to the one typed, or for a prefix on a word that
    /// begins with it and has its tone: "lư" (the beginning of "lưu" as it is typed) counts on
    /// "lưu", not on "lũ" nor "lửa"; "bả" on "bảo"; "viên" not on "viện".
    struct Matcher {
        /// The folded bytes of each distinct positive token, and whether it is a prefix.
        let tokens: [(bytes: [UInt8], isPrefix: Bool)]
        /// Pairs (i, j) of token indices the user typed next to each other.
        let pairs: [(Int, Int)]
        /// For tokens typed with marks, the word as typed (``VietnameseText/exactParts(_:)``),
        /// which a word must equal, or for a prefix begin with.
        let marks: [Int: (base: String, tone: Int, isPrefix: Bool)]

        init(_ query: SearchQuery) {
            var tokens: [(bytes: [UInt8], isPrefix: Bool)] = []
            func index(_ term: SearchQuery.Term, _ n: Int) -> Int {
                let token = (bytes: Array(term.tokens[n].folded.utf8), isPrefix: term.isPrefix(at: n))
                if let i = tokens.firstIndex(where: { $0 == token }) { return i }
                tokens.append(token)
                return tokens.count - 1
            }
            var marks: [Int: (base: String, tone: Int, isPrefix: Bool)] = [:]
            for clause in query.clauses {
                for term in clause {
                    for (n, token) in term.tokens.enumerated() {
                        let i = index(term, n)
                        guard token.exactKey != nil else { continue }
                        let typed = VietnameseText.exactParts(token.typed)
                        marks[i] = (typed.base, typed.tone, term.isPrefix(at: n))
                    }
                }
            }
            self.pairs = query.chainPositions.flatMap { chain in
                zip(chain, chain.dropFirst()).map { (index($0.term, $0.index), index($1.term, $1.index)) }
            }
            self.tokens = tokens
            self.marks = marks
        }

        /// What one scan of a section tells: the ranker's two signals, and for a search that
        /// scores a prefix itself (``PrefixSearch``) the prefix's hits with their column
        /// weights and the section's length in tokens.
        struct Signals {
            /// Share of typed-with-marks tokens found with those marks.
            var diacritics = 0.0
            /// Share of adjacent pairs found adjacent.
            var adjacency = 0.0
            var prefixHits = 0.0
            var length = 0.0
        }

        /// Share of typed-with-marks tokens found with those marks, and of adjacent pairs found adjacent.
        func scores(title: String, body: String) -> (diacritics: Double, adjacency: Double) {
            let signals = signals(title: title, body: body)
            return (signals.diacritics, signals.adjacency)
        }

        func signals(title: String, body: String, prefix: [UInt8]? = nil) -> Signals {
            var (title, body) = (title, body)
            return title.withUTF8 { title in body.withUTF8 { signals(title: title, body: $0, prefix: prefix) } }
        }

        /// The same, of a title's and a body's UTF-8 (``SectionText``'s bytes).
        func signals(title: UnsafeBufferPointer<UInt8>, body: UnsafeBufferPointer<UInt8>, prefix: [UInt8]? = nil)
            -> Signals
        {
            var signals = Signals()
            var adjacent = Set<Int>()
            var exact = Set<Int>()
            for (utf8, weight) in [(title, Schema.titleWeight), (body, Schema.bodyWeight)] {
                // The query tokens the previous word and this one match.
                var previous: [Int] = []
                var current: [Int] = []
                Folding.scan(utf8) { folded, start, end in
                    signals.length += 1
                    if let prefix, folded.starts(with: prefix) { signals.prefixHits += weight }
                    current.removeAll(keepingCapacity: true)
                    for (i, token) in tokens.enumerated()
                    where Folding.word(folded, matches: token.bytes, asPrefix: token.isPrefix) {
                        current.append(i)
                    }
                    if !current.isEmpty, !previous.isEmpty {
                        for (n, pair) in pairs.enumerated()
                        where previous.contains(pair.0) && current.contains(pair.1) {
                            adjacent.insert(n)
                        }
                    }
                    var typed: (base: String, tone: Int)?
                    for i in current where !exact.contains(i) {
                        guard let wanted = marks[i] else { continue }
                        let word =
                            typed
                            ?? VietnameseText.exactParts(
                                String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self))
                        typed = word
                        if word.tone == wanted.tone,
                            wanted.isPrefix ? word.base.hasPrefix(wanted.base) : word.base == wanted.base
                        {
                            exact.insert(i)
                        }
                    }
                    swap(&previous, &current)
                }
            }
            signals.diacritics = marks.isEmpty ? 0 : Double(exact.count) / Double(marks.count)
            signals.adjacency = pairs.isEmpty ? 0 : Double(adjacent.count) / Double(pairs.count)
            return signals
        }
    }
}
