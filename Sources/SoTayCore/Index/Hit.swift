import GRDB

/// A section a search matched, as ranking goes on with it: its rank (FTS5's, lower first)
/// and what re-ranking and results read.
struct Hit {
    var id: Int64
    var score: Double
    var documentId: Int64
    var position: Int
    var title: String
    var body: String
}

extension Hit {
    /// From a row of `id, documentId, position, title, body, score`.
    init(row: Row) {
        self.init(
            id: row["id"], score: row["score"], documentId: row["documentId"], position: row["position"],
            title: row["title"], body: row["body"])
    }
}
