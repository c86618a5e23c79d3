/// A user's search, parsed from the small query language of the handbook:
/// words (all must match), `"a phrase"`, `prefix*`, `-excluded`, and `OR` between alternatives.
///
///     try SearchQuery.parse("cu \"thu ky\" -bien OR")  // "cu", the phrase "thu ky", the word "or"; without "bien"
///
/// Anything else — stray quotes, brackets, colons, FTS5 operators typed as words, SQL — is
/// read as plain words, so user input never reaches FTS5 as syntax.
public struct SearchQuery: Equatable, Sendable {
    /// One word or phrase as typed, with its folded tokens.
    public struct Term: Equatable, Sendable {
        public var tokens: [QueryToken]
        public var isPrefix: Bool

        public var isPhrase: Bool { tokens.count > 1 }

        /// Whether the token at `index` stands for every word that begins with it: FTS5 reads
        /// `"thu k"*` as "thu" followed by a word beginning with "k".
        func isPrefix(at index: Int) -> Bool { isPrefix && index == tokens.count - 1 }
    }

    /// A token of a term: folded for matching, and as typed for diacritic-exact ranking.
    public struct QueryToken: Equatable, Sendable {
        public var folded: String
        public var typed: String
        /// The exact key when the user typed diacritics, nil when they did not.
        public var exactKey: String?
    }

    /// Every clause must match; a clause matches when any of its alternatives does.
    public var clauses: [[Term]]
    public var excluded: [Term]
    /// The text the user typed.
    public var text: String
    /// True when the query was cut to `maximumTerms`.
    public var truncated: Bool

    /// Longer queries are cut: FTS5 work grows with every term, and nobody types this many.
    public static let maximumTerms = 24
    public static let maximumLength = 1000

    /// What the user is told when a query was cut.
    public static let truncationNote = "Truy vấn dài quá; chỉ tìm theo \(maximumTerms) từ đầu."

    /// The alternatives' tokens, for highlighting.
    public var allPositiveTokens: [QueryToken] { clauses.flatMap { $0.flatMap(\.tokens) } }

    /// Whether a word was typed with marks, which only the text can rank (``Ranker``).
    public var hasTypedMarks: Bool { clauses.contains { $0.contains { $0.tokens.contains { $0.exactKey != nil } } } }

    /// Runs of tokens in the order typed, broken where a clause has alternatives: adjacency
    /// is only asked of words the user put next to each other.
    public var chains: [[QueryToken]] { chainPositions.map { $0.map { $0.term.tokens[$0.index] } } }

    /// The same runs, each token as its term and its place in it (which says whether it is a prefix).
    var chainPositions: [[(term: Term, index: Int)]] {
        var chains: [[(term: Term, index: Int)]] = [[]]
        for clause in clauses {
            if clause.count == 1 {
                chains[chains.count - 1] += clause[0].tokens.indices.map { (clause[0], $0) }
            } else {
                chains.append([])
            }
        }
        return chains.filter { !$0.isEmpty }
    }
}

/// What can be wrong with a query, said for the user.
public enum QueryError: Error, Equatable, Sendable, UserFacingError {
    case empty
    case onlyExclusions(String)

    public var message: String {
        switch self {
        case .empty:
            "Hãy nhập từ cần tìm, ví dụ: sotay search \"cu thu ky\""
        case .onlyExclusions(let query):
            "Truy vấn \"\(query)\" chỉ có từ loại trừ (-từ); hãy thêm ít nhất một từ cần tìm"
        }
    }
}
