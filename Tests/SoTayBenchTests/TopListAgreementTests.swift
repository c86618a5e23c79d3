import Foundation
import GRDB
import Testing

@testable import SoTayBench
@testable import SoTayCore

@Suite("Top lists and sotay_rank on generated material")
struct TopListAgreementTests {
    @Test("Every benchmark query a list or sotay_rank's order answers gets the exhaustive top ten")
    func agreement() throws {
        let directory = NSTemporaryDirectory() + "sotay-lists-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try CorpusGenerator(megabytes: 0.5, seed: 3).write(to: directory + "/corpus")
        var options = IndexBuilder.Options(full: true)
        // Thresholds scaled down with the material, as the defaults scale with the library.
        options.topLists = TopLists.Parameters(length: 30, minimumRows: 40, rowShare: 0, minimumChainRows: 10)
        try IndexBuilder.build(corpus: directory + "/corpus", to: directory + "/index.sqlite", options: options)
        let handbook = Handbook(database: try HandbookDatabase.open(path: directory + "/index.sqlite"))
        var exhaustive = handbook
        exhaustive.candidatePool = nil

        var answered = 0
        let queries = QuerySet.make(count: 200).compactMap { try? SearchQuery.parse($0) }
        for query in queries {
            let listed = try handbook.database.read { db in try TopLists.rows(for: query, limit: 10, db) } != nil
            guard listed || Ranker.isOrderedByFTS(query) else { continue }
            answered += 1
            let fast = try handbook.search(query, limit: 10)
            let full = try exhaustive.search(query, limit: 10)
            #expect(fast.count == full.count, "\(query.text)")
            // Rank by rank, the scores agree; two sections may trade places only when FTS5's
            // own scores for them differ by less than one part in 10^8.
            for (a, b) in zip(fast, full) where a != b {
                let (x, y) = (try bm25(a, query, handbook), try bm25(b, query, handbook))
                #expect(abs(x - y) <= 1e-8 * abs(y), "\(query.text): \(a.section) \(x) vs \(b.section) \(y)")
            }
        }
        #expect(answered >= queries.count / 2, "answered \(answered) of \(queries.count)")
    }

    /// FTS5's BM25 of one result for the query.
    func bm25(_ result: SearchResult, _ query: SearchQuery, _ handbook: Handbook) throws -> Double {
        try handbook.database.read { db in
            try Double.fetchOne(
                db,
                sql: """
                    SELECT rank FROM section_fts WHERE section_fts MATCH ? AND rowid = (
                        SELECT s.id FROM section s JOIN document d ON d.id = s.documentId
                        WHERE d.slug = ? AND s.number = ?)
                    """, arguments: [query.ftsPattern, result.doc, result.section]) ?? 0
        }
    }
}
