import Foundation

/// BM25 exactly as FTS5's `bm25()` computes it, so scores made outside FTS5 (the top lists
/// built with the index) order sections as `ORDER BY rank` would.
///
/// FTS5 sums, per query phrase, `idf × tf·(k1+1) / (tf + k1·(1 − b + b·D/avgdl))`, where tf
/// adds each hit's column weight, D counts the row's tokens in every column, avgdl is the
/// average of D, and idf = ln((N − n + 0.5)/(n + 0.5)), floored at 1e-6 for words in more than
/// half the rows. It returns the sum negated; here it stays positive (higher is better).
struct BM25: Sendable {
    static let k1 = 1.2
    static let b = 0.75

    /// Rows in the index.
    var rows: Double
    /// Average tokens per row, all columns together.
    var averageLength: Double

    /// From FTS5's totals: the rows and the tokens of every column together.
    init(rows: Double, tokens: Double) {
        self.init(rows: rows, averageLength: rows > 0 ? tokens / rows : 1)
    }

    init(rows: Double, averageLength: Double) {
        self.rows = rows
        self.averageLength = averageLength
    }

    func idf(matchingRows n: Double) -> Double {
        // A count recorded before an incremental build may exceed today's rows; FTS5's own
        // count never does, so clamping changes nothing it would compute.
        let n = min(max(n, 0), rows)
        let idf = log((rows - n + 0.5) / (n + 0.5))
        return idf > 0 ? idf : 1e-6
    }

    /// The saturating part, which orders rows for one phrase whatever its idf.
    func weight(frequency tf: Double, length: Double) -> Double {
        tf * (Self.k1 + 1) / (tf + Self.k1 * (1 - Self.b + Self.b * length / averageLength))
    }
}
