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
        let lengths = Unmanaged.passRetained(StoredLengths())
        try create(name, rank, api, userData: lengths.toOpaque(), destroy: releaseLengths)
        try create(totalsName, totals, api)
    }

    private static func create(
        _ name: String, _ function: fts5_extension_function, _ api: UnsafePointer<fts5_api>,
        userData: UnsafeMutableRawPointer? = nil, destroy: (@convention(c) (UnsafeMutableRawPointer?) -> Void)? = nil
    ) throws {
        let code = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, userData, function, destroy)
        guard code == SQLITE_OK else {
            // FTS5 takes the user data only when it keeps the function.
            destroy?(userData)
            throw DatabaseError(resultCode: ResultCode(rawValue: code))
        }
    }

    /// A connection's copy of the stored lengths (``SectionLengths``), kept while the
    /// connection is open (an index file never changes once written). It is read once the
    /// connection has ranked a thousand rows: reading 650 KB at 100 MB costs about what FTS5
    /// spends on a few hundred rows' lengths, so a search of rare words, the whole of a
    /// one-search process, never reads it. The numbers are FTS5's either way.
    final class StoredLengths {
        static let rowsBeforeReading = 1000
        private var lengths = UnsafeMutableBufferPointer<UInt32>(start: nil, count: 0)
        private var read = false
        private var asked = 0

        deinit { lengths.deallocate() }

        /// The length of row `id`, or nil when none was stored for it or none is read yet.
        func length(of id: Int64, _ context: OpaquePointer?) -> Int32? {
            if !read {
                asked += 1
                guard asked > Self.rowsBeforeReading else { return nil }
                load(context)
            }
            guard id >= 0, id < lengths.count else { return nil }
            let length = lengths[Int(id)]
            return length > 0 ? Int32(clamping: length) : nil
        }

        /// Reads the blob through the connection of the statement being ranked. Any failure
        /// (an index without one, a read error) leaves every length to FTS5.
        private func load(_ context: OpaquePointer?) {
            read = true
            guard let db = sqlite3_context_db_handle(context) else { return }
            var statement: OpaquePointer?
            defer { sqlite3_finalize(statement) }
            guard sqlite3_prepare_v2(db, "SELECT data FROM section_length", -1, &statement, nil) == SQLITE_OK,
                sqlite3_step(statement) == SQLITE_ROW, let blob = sqlite3_column_blob(statement, 0)
            else { return }
            let stored = TopLists.decode(
                UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(statement, 0))))
            lengths = .allocate(capacity: stored.count)
            _ = lengths.initialize(from: stored)
        }
    }

    private static let releaseLengths: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
        if let pointer { Unmanaged<StoredLengths>.fromOpaque(pointer).release() }
    }

    /// What `sotay_rank` works out once per query rather than for every row: the adjacency
    /// spec, each phrase's idf, the index's average length and the phrases' sizes. A search of
    /// common words calls it for tens of thousands of rows, and parsing and logarithms per
    /// row were a tenth of such a search.
    ///
    /// A class, reached without a reference count per row (``rank``): as a struct of arrays,
    /// each row's copy retained and released every array, a tenth of such a search again.
    final class Query {
        /// The arguments it was worked out from: FTS5 keeps one value for all the calls of
        /// a function in a statement, and a statement may call it with different arguments.
        let spec: [UInt8]
        let counts: [Double]
        let adjacency: [Int]
        let idf: [Double]
        let bm25: BM25
        /// Per followed phrase of the spec: the phrase, and its size in tokens.
        let followed: [(phrase: Int32, size: Int64)]

        init(
            spec: [UInt8], counts: [Double], adjacency: [Int], idf: [Double], bm25: BM25,
            followed: [(phrase: Int32, size: Int64)]
        ) {
            (self.spec, self.counts, self.adjacency, self.idf) = (spec, counts, adjacency, idf)
            (self.bm25, self.followed) = (bm25, followed)
        }

        func matches(spec text: UnsafePointer<UInt8>, counts values: UnsafeMutablePointer<OpaquePointer?>) -> Bool {
            for i in spec.indices where text[i] != spec[i] { return false }
            guard text[spec.count] == 0 else { return false }
            for i in counts.indices where sqlite3_value_double(values[i + 1]) != counts[i] { return false }
            return true
        }

        /// The row's rank: its BM25 score negated, less 10^4 × the share of typed neighbours
        /// that stand together in it. `known` is the row's length when it was stored, else
        /// FTS5 is asked.
        func rank(_ api: Fts5ExtensionApi, _ fts: OpaquePointer?, phrases: Int, length known: Int32?) -> Double? {
            var length = known ?? 0
            var instances: Int32 = 0
            guard known != nil || api.xColumnSize(fts, -1, &length) == SQLITE_OK,
                api.xInstCount(fts, &instances) == SQLITE_OK
            else { return nil }
            let adjacent = !followed.isEmpty && adjacency[0] > 0
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, phrases)) { frequency in
                withUnsafeTemporaryAllocation(of: Int64.self, capacity: adjacent ? Int(instances) : 0) { hits in
                    frequency.initialize(repeating: 0)
                    // (column, offset, phrase) of every hit, in the order FTS5 gives them: by
                    // column, then offset.
                    var stored = 0
                    for i in 0..<instances {
                        var phrase: Int32 = 0
                        var column: Int32 = 0
                        var offset: Int32 = 0
                        guard api.xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK else { continue }
                        frequency[Int(phrase)] += column == 0 ? Schema.titleWeight : Schema.bodyWeight
                        if adjacent {
                            hits[stored] = Int64(column) << 48 | Int64(offset) << 16 | Int64(phrase)
                            stored += 1
                        }
                    }
                    var score = 0.0
                    for i in 0..<phrases {
                        score += idf[i] * bm25.weight(frequency: frequency[i], length: Double(length))
                    }
                    var together = 0.0
                    if adjacency.count >= 2, adjacency[0] > 0 {
                        var found = adjacency[1]
                        for (first, size) in followed {
                            // Phrase `first` at (column, offset), phrase `first + 1` at (column,
                            // offset + size): the hits are in order of place, so the second is
                            // looked for among the few after the first.
                            var isFound = false
                            var n = 0
                            while n < stored, !isFound {
                                let hit = hits[n]
                                n += 1
                                guard hit & 0xFFFF == Int64(first) else { continue }
                                let wanted = (hit & ~0xFFFF) + size << 16 + Int64(first + 1)
                                var m = n
                                // Hits at one place come in no set order of phrase.
                                while m < stored, hits[m] >> 16 <= wanted >> 16 {
                                    if hits[m] == wanted { isFound = true }
                                    m += 1
                                }
                            }
                            if isFound { found += 1 }
                        }
                        together = Double(found) / Double(adjacency[0])
                    }
                    // BM25 never reaches 10^4 (24 phrases at most), so adjacency always decides first.
                    return -score - 10_000 * together
                }
            }
        }
    }

    /// The queries worked out for a statement, one per set of arguments.
    final class Queries {
        var all: [Query] = []

        /// The query of these arguments, worked out on its first row.
        func query(
            _ api: Fts5ExtensionApi, _ fts: OpaquePointer?, spec: UnsafePointer<UInt8>, count: Int32,
            values: UnsafeMutablePointer<OpaquePointer?>, phrases: Int
        ) -> Query? {
            for query in all where query.matches(spec: spec, counts: values) { return query }
            var rows: Int64 = 0
            var tokens: Int64 = 0
            guard api.xRowCount(fts, &rows) == SQLITE_OK, api.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK,
                rows > 0
            else { return nil }
            let bm25 = BM25(rows: Double(rows), tokens: Double(tokens))
            let counts = (1..<Int(count)).map { sqlite3_value_double(values[$0]) }
            // A phrase with no count passed (an excluded word) adds nothing, as in bm25().
            let idf = (0..<phrases).map { $0 < counts.count ? bm25.idf(matchingRows: counts[$0]) : 0 }
            let bytes = Array(UnsafeBufferPointer(start: spec, count: Int(sqlite3_value_bytes(values[0]))))
            let adjacency = RankFunction.numbers(spec)
            let followed = adjacency.dropFirst(2).map { (Int32($0), Int64(api.xPhraseSize(fts, Int32($0)))) }
            let query = Query(
                spec: bytes, counts: counts, adjacency: adjacency, idf: idf, bm25: bm25, followed: followed)
            all.append(query)
            return query
        }
    }

    private static let releaseQueries: @convention(c) (UnsafeMutableRawPointer?) -> Void = { pointer in
        if let pointer { Unmanaged<Queries>.fromOpaque(pointer).release() }
    }

    private static let rank: fts5_extension_function = { api, fts, context, count, values in
        guard let api = api?.pointee else {
            sqlite3_result_error(context, "sotay_rank: no FTS5 API", -1)
            return
        }
        guard count >= 1, let values, let spec = sqlite3_value_text(values[0]) else {
            sqlite3_result_error(context, "sotay_rank: no adjacency given", -1)
            return
        }
        let queries: Unmanaged<Queries>
        if let cached = api.xGetAuxdata(fts, 0) {
            queries = Unmanaged<Queries>.fromOpaque(cached)
        } else {
            queries = Unmanaged.passRetained(Queries())
            guard api.xSetAuxdata(fts, queries.toOpaque(), releaseQueries) == SQLITE_OK else {
                sqlite3_result_error(context, "sotay_rank: FTS5 did not keep the query", -1)
                return
            }
        }
        // FTS5 holds the queries until the statement ends: no reference count is taken here.
        let rank = queries._withUnsafeGuaranteedRef { queries -> Double? in
            let phrases = Int(api.xPhraseCount(fts))
            guard
                let query = queries.query(api, fts, spec: spec, count: count, values: values, phrases: phrases)
            else { return nil }
            let length = api.xUserData(fts).flatMap {
                Unmanaged<StoredLengths>.fromOpaque($0)._withUnsafeGuaranteedRef {
                    $0.length(of: api.xRowid(fts), context)
                }
            }
            return query.rank(api, fts, phrases: phrases, length: length)
        }
        guard let rank else {
            sqlite3_result_error(context, "sotay_rank: FTS5 did not answer", -1)
            return
        }
        sqlite3_result_double(context, rank)
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

    /// The rows and average length of the index, as FTS5 gives them to `sotay_rank`, for
    /// scores made outside FTS5; nil when nothing matches `pattern` (FTS5 gives them only
    /// with a match).
    static func statistics(matching pattern: String, _ db: Database) throws -> BM25? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT \(totalsName)(section_fts, 0), \(totalsName)(section_fts, 1) FROM section_fts WHERE section_fts MATCH ? LIMIT 1"
                ),
                arguments: [pattern])
        else { return nil }
        return BM25(rows: row[0], tokens: row[1])
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
