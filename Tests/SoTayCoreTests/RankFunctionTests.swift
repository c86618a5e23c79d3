import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("sotay_rank, FTS5's BM25 with the counts passed in")
struct RankFunctionTests {
    @Test(
        "Given true row counts, it scores every match exactly as bm25() does",
        arguments: ["dang vien", "\"thu ky\"", "chi bo -chuyen", "nghi quy*", "bao OR luu chi", "sinh hoat dinh ky"])
    func equalsBM25(_ text: String) throws {
        let query = try SearchQuery.parse(text)
        let phrases = query.clauses.flatMap { $0 }
        try realIndex.handbook.database.read { db in
            let counts = try phrases.map { term in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM section_fts WHERE section_fts MATCH ?", arguments: [term.ftsPhrase])!
            }
            let placeholders = ", ''" + String(repeating: ", ?", count: counts.count)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, rank, \(RankFunction.name)(section_fts\(placeholders)) AS ours
                    FROM section_fts WHERE section_fts MATCH ?
                    """, arguments: StatementArguments(counts + [query.ftsPattern]))
            #expect(!rows.isEmpty, "\(text) matches nothing in the procedure")
            for row in rows {
                let (fts5, ours): (Double, Double) = (row["rank"], row["ours"])
                #expect(abs(fts5 - ours) <= 1e-12 * abs(fts5), "\(text), row \(row["rowid"] as Int64)")
            }
        }
    }

    @Test("A count above the rows (recorded before an incremental build) still gives a finite score")
    func staleCount() throws {
        try realIndex.handbook.database.read { db in
            let score = try Double.fetchOne(
                db,
                sql:
                    "SELECT \(RankFunction.name)(section_fts, '', 1000000) FROM section_fts WHERE section_fts MATCH 'dang'"
            )
            #expect(score.map { $0.isFinite && $0 < 0 } == true)
        }
    }

    @Test("Adjacency specs are read as the numbers they hold")
    func numbers() {
        for (spec, expected) in [("3 1 0 1", [3, 1, 0, 1]), ("0 0", [0, 0]), ("", []), ("12  7", [12, 7])] {
            let read = Array((spec + "\0").utf8).withUnsafeBufferPointer { RankFunction.numbers($0.baseAddress!) }
            #expect(read == expected, "\(spec)")
        }
    }
}
