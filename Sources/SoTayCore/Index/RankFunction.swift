import GRDB
import GRDBSQLite

/// The FTS5 auxiliary function `sotay_rank(section_fts, spec, n1, n2, …)`: FTS5's own BM25
/// (``BM25``, titles ×10), with the number of rows holding each phrase passed in instead of
/// counted, behind the share of typed neighbours that stand together in the row
/// (``SearchQuery/adjacencySpec``), so that one `ORDER BY` gives ``Ranker``'s order for
/// every match.
///
/// To find each phrase's idf, the built-in `bm25()` walks every row holding the phrase before it
/// scores the first match: for "thec sau thu ky" it reads the whole lists of three words found in
/// most sections to score 135 rows, 11 ms of a 14 ms query at 100 MB. The counts are known
/// already for frequent words and pairs (``TopLists``) and cheap to take for the others, so the
/// search passes them, and only the matching rows are visited.
enum RankFunction {
    static let name = "sotay_rank"

    /// Registers `sotay_rank` and `sotay_totals` on a connection.
    static func register(_ db: Database) throws {
        // One look-up of the API: it prepares a statement.
        let api = FTS5.api(db)
        try create(name, rank, api)
        try create(totalsName, totals, api)
    }

    private static func create(
        _ name: String, _ function: fts5_extension_function, _ api: UnsafePointer<fts5_api>
    ) throws {
        let code = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, function, nil)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    private static let rank: fts5_extension_function = { api, fts, context, count, values in
        guard let api = api?.pointee else {
            sqlite3_result_error(context, "sotay_rank: no FTS5 API", -1)
            return
        }
        var rows: Int64 = 0
        var tokens: Int64 = 0
        var length: Int32 = 0
        var instances: Int32 = 0
        guard api.xRowCount(fts, &rows) == SQLITE_OK, api.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK,
            api.xColumnSize(fts, -1, &length) == SQLITE_OK, api.xInstCount(fts, &instances) == SQLITE_OK,
            rows > 0
        else {
            sqlite3_result_error(context, "sotay_rank: FTS5 did not answer", -1)
            return
        }
        let phrases = Int(api.xPhraseCount(fts))
        let bm25 = BM25(rows: Double(rows), averageLength: Double(tokens) / Double(rows))
        guard count >= 1, let values, let spec = sqlite3_value_text(values[0]) else {
            sqlite3_result_error(context, "sotay_rank: no adjacency given", -1)
            return
        }
        let adjacency = RankFunction.numbers(spec)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, phrases)) { frequency in
            frequency.initialize(repeating: 0)
            // (phrase, column, offset) of every hit, packed for the adjacency test.
            var hits: [Int64] = []
            if adjacency.count > 2 { hits.reserveCapacity(Int(instances)) }
            for i in 0..<instances {
                var phrase: Int32 = 0
                var column: Int32 = 0
                var offset: Int32 = 0
                guard api.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK else { continue }
                frequency[Int(phrase)] += column == 0 ? Schema.titleWeight : Schema.bodyWeight
                if adjacency.count > 2 {
                    hits.append(Int64(phrase) << 40 | Int64(column) << 32 | Int64(offset))
                }
            }
            var score = 0.0
            for i in 0..<phrases {
                // A phrase with no count passed (an excluded word) adds nothing, as in bm25().
                guard i + 1 < Int(count) else { break }
                let idf = bm25.idf(matchingRows: sqlite3_value_double(values[i + 1]))
                score += idf * bm25.weight(frequency: frequency[i], length: Double(length))
            }
            var together = 0.0
            if adjacency.count >= 2, adjacency[0] > 0 {
                var found = adjacency[1]
                for first in adjacency.dropFirst(2) {
                    let size = Int64(api.xPhraseSize(fts, Int32(first)))
                    // Phrase `first` at (column, offset), phrase `first + 1` at (column, offset + size).
                    let step = Int64(1) << 40 + size
                    if hits.contains(where: { hit in hit >> 40 == Int64(first) && hits.contains(hit + step) }) {
                        found += 1
                    }
                }
                together = Double(found) / Double(adjacency[0])
            }
            // BM25 never reaches 10^4 (24 phrases at most), so adjacency always decides first.
            sqlite3_result_double(context, -score - 10_000 * together)
        }
    }

    static let totalsName = "sotay_totals"

    /// The FTS5 auxiliary function `sotay_totals(section_fts, which)`: the rows of the index
    /// (`which` 0) or its tokens in every column (1), what BM25 needs of the whole index, for
    /// scores made outside FTS5 (``PrefixSearch``).
    private static let totals: fts5_extension_function = { api, fts, context, count, values in
        var total: Int64 = 0
        guard let api = api?.pointee, count == 1, let values else {
            sqlite3_result_error(context, "sotay_totals: no FTS5 API or no argument", -1)
            return
        }
        let code =
            sqlite3_value_int(values[0]) == 0
            ? api.xRowCount(fts, &total) : api.xColumnTotalSize(fts, -1, &total)
        guard code == SQLITE_OK else {
            sqlite3_result_error(context, "sotay_totals: FTS5 did not answer", -1)
            return
        }
        sqlite3_result_int64(context, total)
    }

    /// The numbers of an adjacency spec ("3 1 0 1"), read from SQLite's bytes without making a
    /// string: this runs once for every match.
    static func numbers(_ text: UnsafePointer<UInt8>) -> [Int] {
        var result: [Int] = []
        var value = -1
        var i = 0
        while true {
            let byte = text[i]
            if byte >= 0x30, byte <= 0x39 {
                value = max(value, 0) * 10 + Int(byte - 0x30)
            } else {
                if value >= 0 { result.append(value) }
                value = -1
                if byte == 0 { return result }
            }
            i += 1
        }
    }
}
