import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("Several common words typed together: the rows of their pairs, and the sections scored from the text")
struct ChainSearchTests {
    let lists = TopListsTests()

    /// Every pair of words in a section or more keeps its rows, so the small corpus has them.
    static let parameters: TopLists.Parameters = {
        var parameters = TopListsTests.parameters
        parameters.adjacent = AdjacentRows.Parameters(minimumRows: 1, rowShare: 0)
        return parameters
    }()

    func built(_ corpus: TemporaryDirectory, _ out: TemporaryDirectory, full: Bool = true) throws -> Handbook {
        try lists.build(corpus, out, full: full, parameters: Self.parameters)
    }

    /// The handbook of the lists' corpus, built with `parameters`, and its folders.
    func library(_ parameters: TopLists.Parameters = Self.parameters) throws
        -> (handbook: Handbook, corpus: TemporaryDirectory, out: TemporaryDirectory)
    {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try TopListsTests.writeCorpus(corpus)
        return (try lists.build(corpus, out, parameters: parameters), corpus, out)
    }

    /// The first `limit` sections of a chain search, as "doc#section" in the ranker's order,
    /// or nil when the stored rows do not answer it; the narrowing's cost is not weighed.
    func hits(_ handbook: Handbook, _ text: String, limit: Int) throws -> [String]? {
        let query = try SearchQuery.parse(text)
        return try handbook.database.read { db -> [String]? in
            let counts = try query.clauses.flatMap { $0 }.map { try handbook.rowCount($0, db) }
            guard
                let hits = try ChainSearch.hits(
                    for: query, counts: counts, fetched: query.hasTypedMarks ? Handbook.defaultCandidatePool : limit,
                    limit: limit, costRatio: 0, db)
            else { return nil }
            return try names(hits, query: query, limit: limit, db)
        }
    }

    /// The first `limit` sections as the pairs' own lists decide them, or nil when they do not.
    func listed(_ handbook: Handbook, _ text: String, limit: Int) throws -> [String]? {
        let query = try SearchQuery.parse(text)
        return try handbook.database.read { db -> [String]? in
            let counts = try query.clauses.flatMap { $0 }.map { try handbook.rowCount($0, db) }
            let basis = try #require(try TopLists.Basis.load(db))
            let added = try TopLists.added(query, counts: counts, after: basis.watermark, db)
            let bm25 = try #require(try added.bm25 ?? RankFunction.statistics(matching: query.ftsPattern, db))
            let first = added.rows.filter(\.adjacent).map {
                Hit(id: $0.id, score: $0.rank, documentId: 0, position: 0, title: "", body: "")
            }
            guard
                let hits = try ChainSearch.listed(
                    ChainSearch.Scoring(query, counts: counts, bm25: bm25), query: query, wanted: limit, added: first,
                    basis: basis, db)
            else { return nil }
            return try names(hits, query: query, limit: limit, db)
        }
    }

    /// Hits as "doc#section": without marks in their order, which is final; with marks in the
    /// ranker's, as a search does.
    func names(_ hits: [Hit], query: SearchQuery, limit: Int, _ db: Database) throws -> [String] {
        let candidates = hits.map {
            Ranker.Candidate(
                id: $0.id, title: $0.title, body: $0.body, bm25: $0.score,
                order: Int($0.documentId) * 1_000_000 + $0.position)
        }
        let ids = query.hasTypedMarks ? Ranker.rank(candidates, for: query).map(\.candidate.id) : hits.map(\.id)
        return try ids.prefix(limit).map { id in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT d.slug, s.number FROM section s JOIN document d ON d.id = s.documentId WHERE s.id = ?",
                arguments: [id])!
            return "\(row[0] as String)#\(row[1] as String)"
        }
    }

    func exhaustive(_ handbook: Handbook, _ text: String, limit: Int) throws -> [String] {
        try lists.exhaustive(handbook).search(SearchQuery.parse(text), limit: limit).map { "\($0.doc)#\($0.section)" }
    }

    static let chains = [
        "dang vien chi", "chi bo sinh", "vien dang vien", "sinh hoat thu ky", "đảng viên chi", "chi bộ sinh",
    ]

    /// Checks every chain at every page length it answers, and that the chains answered some.
    func expectAgreement(_ handbook: Handbook) throws {
        var answered = 0
        for text in Self.chains {
            for limit in 1...4 {
                guard let fast = try hits(handbook, text, limit: limit) else { continue }
                answered += 1
                #expect(fast == (try exhaustive(handbook, text, limit: limit)), "\(text), limit \(limit)")
            }
        }
        #expect(answered >= 12, "the chains are answered from the stored rows")
    }

    @Test("A pair's stored rows are the sections where FTS5 finds the two words as a phrase")
    func storedRows() throws {
        let (handbook, corpus, out) = try library()
        defer { withExtendedLifetime((corpus, out)) {} }
        let stored = try handbook.database.read { db in
            try Row.fetchAll(db, sql: "SELECT key, adjacentRows FROM top_list WHERE adjacentRows IS NOT NULL")
        }
        #expect(stored.count >= 20)
        for row in stored {
            let key: String = row["key"]
            let fts = try handbook.database.read { db in
                try Int64.fetchAll(
                    db, sql: "SELECT rowid FROM section_fts WHERE section_fts MATCH ? ORDER BY rowid",
                    arguments: ["\"\(key)\""])
            }
            let ids = try #require(AdjacentRows.decode(row["adjacentRows"] as Data))
            #expect(ids.map(Int64.init) == fts, "\(key)")
        }
    }

    @Test("Pairs of words in fewer sections than the bar keep no rows")
    func onlyCommonPairs() throws {
        var parameters = Self.parameters
        parameters.adjacent = AdjacentRows.Parameters(minimumRows: 1_000, rowShare: 0)
        let (handbook, corpus, out) = try library(parameters)
        defer { withExtendedLifetime((corpus, out)) {} }
        let stored = try handbook.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM top_list WHERE adjacentRows IS NOT NULL")
        }
        #expect(stored == 0)
        #expect(try hits(handbook, "dang vien chi", limit: 1) == nil)
    }

    @Test("Scored from the text, a chain's first sections are those ranking every match gives")
    func agreesWithExhaustive() throws {
        let (handbook, corpus, out) = try library()
        defer { withExtendedLifetime((corpus, out)) {} }
        try expectAgreement(handbook)
    }

    @Test("After an incremental build, the sections added are ranked by FTS5 and merged in")
    func incremental() throws {
        let (_, corpus, out) = try library()
        try corpus.write(
            "tai-lieu-3.txt", "Tài liệu 3\n\n1. Đảng viên chi bộ sinh hoạt thư ký\n\nđảng viên chi bộ sinh hoạt.\n")
        let handbook = try built(corpus, out, full: false)
        #expect(try lists.basis(handbook)?.changed ?? 0 > 0, "the lists were kept")
        try expectAgreement(handbook)
        #expect(try hits(handbook, "dang vien chi", limit: 1) == ["tai-lieu-3#1"])
    }

    @Test("A pair with a rarer word keeps no rows: whether it stands together is read from the text")
    func rarerPair() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        // "phê bình" in every section; "tự" in a few, before them or far from them (and then
        // more often, in shorter sections: by BM25 alone those would come first).
        var text = "Tài liệu\n\n"
        for s in 1...40 {
            let body =
                switch s % 4 {
                case 0: "Chi bộ tự phê bình và phê bình, học tập \(s)."
                case 1: "Tự tự tự nói rõ; phê bình."
                default: "Đảng viên phê bình và góp ý cho chi bộ, lần \(s)."
                }
            text += "\(s). Mục \(s)\n\n\(body)\n\n"
        }
        try corpus.write("phe-binh.txt", text)
        var parameters = Self.parameters
        parameters.adjacent = AdjacentRows.Parameters(minimumRows: 30, rowShare: 0)
        let handbook = try lists.build(corpus, out, parameters: parameters)
        let keys = try handbook.database.read { db in
            try String.fetchAll(db, sql: "SELECT key FROM top_list WHERE adjacentRows IS NOT NULL")
        }
        #expect(keys.contains("phe binh") && !keys.contains("tu phe"))
        for limit in [1, 5, 10] {
            let fast = try #require(try hits(handbook, "tu phe binh", limit: limit))
            #expect(fast == (try exhaustive(handbook, "tu phe binh", limit: limit)), "limit \(limit)")
            #expect(fast.allSatisfy { Int($0.split(separator: "#")[1])! % 4 == 0 })
        }
        #expect(try hits(handbook, "tu phe binh", limit: 11) == nil, "ten sections hold the three together")
    }

    /// Sections holding "ban thường vụ": a few short ones three times, many long ones once;
    /// others the three words apart, among twenty other words. Lists of six rows leave most
    /// sections with the chain out, and the short ones score well above the rest.
    static func writeChains(_ dir: TemporaryDirectory) throws {
        let filler = (0..<20).map { "tu\($0)" }
        var numbers = SeededNumbers(state: 11)
        func next(_ n: Int) -> Int { numbers.next(n) }
        for d in 0..<6 {
            var text = "Tài liệu \(d)\n\n"
            for s in 1...12 {
                var words: [String]
                switch next(18) {
                case 0:  // short, the chain three times: near the most a section can score
                    words = (0..<(2 + next(3))).map { _ in filler[next(filler.count)] }
                    for _ in 0..<3 { words.insert("ban thường vụ", at: next(words.count)) }
                case 1...6:  // long, the chain once
                    words = (0..<(30 + next(30))).map { _ in filler[next(filler.count)] }
                    words.insert("ban thường vụ", at: next(words.count))
                case 7...10:  // the words apart
                    words = (0..<(4 + next(30))).map { _ in filler[next(filler.count)] }
                    for word in ["ban", "thường", "vụ"] { words.insert(word, at: next(words.count)) }
                default:
                    words = (0..<(4 + next(30))).map { _ in filler[next(filler.count)] }
                }
                text += "\(s). Mục \(s)\n\n\(words.joined(separator: " ")).\n\n"
            }
            try dir.write("tai-lieu-\(d).txt", text)
        }
    }

    @Test("A section the pairs' lists leave out can still rank before their last: the bound says so")
    func leftOut() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        // Twelve tokens each. Lists of two rows: "ban thuong" keeps 1 and 3, "thuong vu" 1 and
        // 4; section 2 holds each word three times, which sums above 3 and 4 (BM25 saturates).
        let bodies = [
            "ban thường vụ ban thường vụ ban thường vụ ban thường vụ",
            "ban thường vụ ban thường vụ ban thường vụ tu1 tu2 tu3",
            "ban thường vụ ban thường ban thường ban thường tu1",
            "ban thường vụ thường vụ thường vụ thường vụ tu1 tu2",
        ]
        let filler = (0..<10).map { _ in "tu1 tu2 tu3 tu4 tu5 tu6 tu7 tu8 tu9 tu10 tu11 tu12" }
        let text = (bodies + filler).enumerated().map { "\($0 + 1). Mục\n\n\($1).\n" }.joined(separator: "\n")
        try corpus.write("d.txt", "Tài liệu\n\n" + text)
        var parameters = Self.parameters
        parameters.length = 2
        let handbook = try lists.build(corpus, out, parameters: parameters)
        #expect(try exhaustive(handbook, "ban thuong vu", limit: 2) == ["d#1", "d#2"])
        #expect(try listed(handbook, "ban thuong vu", limit: 2) == nil)
    }

    @Test("A pair's list that holds every section with the pair leaves out none that can be first")
    func completeList() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        let bodies = [
            "ban thường vụ tu1 tu2", "tu3 ban thường vụ ban thường vụ tu4 tu5 tu6", "ban thường vụ tu7",
            "ban tu1 thường tu2 vụ", "thường ban vụ tu3",
        ]
        let filler = (0..<10).map { "tu\($0) tu\($0 + 1) tu\($0 + 2)" }
        let text = (bodies + filler).enumerated().map { "\($0 + 1). Mục\n\n\($1).\n" }.joined(separator: "\n")
        try corpus.write("d.txt", "Tài liệu\n\n" + text)
        let handbook = try lists.build(corpus, out)
        for limit in 1...3 {
            let page = try #require(try listed(handbook, "ban thuong vu", limit: limit), "limit \(limit)")
            #expect(page == (try exhaustive(handbook, "ban thuong vu", limit: limit)))
        }
        #expect(try listed(handbook, "ban thuong vu", limit: 4) == nil, "three sections hold the words together")
    }

    @Test(
        "The pairs' own lists decide the first sections of three words or more when their bounds allow",
        arguments: [6, 3])
    func pairLists(length: Int) throws {
        var parameters = Self.parameters
        parameters.length = length
        for full in [true, false] {
            let corpus = TemporaryDirectory()
            let out = TemporaryDirectory()
            try Self.writeChains(corpus)
            var handbook = try lists.build(corpus, out, parameters: parameters)
            if !full {
                try corpus.write(
                    "tai-lieu-9.txt", "Tài liệu 9\n\n1. Ban thường vụ\n\nban thường vụ ban thường vụ tu1.\n")
                handbook = try lists.build(corpus, out, full: false, parameters: parameters)
                #expect(try lists.basis(handbook)?.changed ?? 0 > 0, "the lists were kept")
            }
            var answered = 0
            var declined = 0
            for text in ["ban thuong vu", "ban thường vụ", "ban thuong vu ban", "thuong vu ban thuong"] {
                for limit in 1...8 {
                    guard let page = try listed(handbook, text, limit: limit) else {
                        declined += 1
                        continue
                    }
                    answered += 1
                    #expect(
                        page == (try exhaustive(handbook, text, limit: limit)), "\(text), limit \(limit), full \(full)")
                }
            }
            // Short lists leave sections out: some pages are decided, some not.
            #expect(
                answered >= (length == 6 ? 4 : 0) && declined >= 6,
                "answered \(answered), declined \(declined), full \(full)")
        }
    }

    @Test("What a section a pair's list leaves out can score: the pair's share to the word typed more often")
    func bound() throws {
        let bm25 = BM25(rows: 1_000, averageLength: 10)
        let ceiling = { (rows: Double) in bm25.idf(matchingRows: rows) * (BM25.k1 + 1) }
        // Three words once each: the pair's score plus the third word saturated.
        let three = ChainSearch.Scoring(try SearchQuery.parse("ban thuong vu"), counts: [100, 200, 300], bm25: bm25)
        #expect(abs(three.bound(pair: 1.5, 0, 1) - (1.5 + ceiling(300))) < 1e-12)
        #expect(abs(three.bound(pair: 1.5, 1, 2) - (1.5 + ceiling(100))) < 1e-12)
        // Beyond both words' ceilings, the pair adds no more than them.
        #expect(abs(three.bound(pair: 100, 0, 1) - (ceiling(100) + ceiling(200) + ceiling(300))) < 1e-12)
        // A word typed twice counts twice: "cap uy cap" gives "cap" all of the pair it can take.
        let twice = ChainSearch.Scoring(try SearchQuery.parse("cap uy cap"), counts: [100, 300, 100], bm25: bm25)
        let share = min(1.5, ceiling(100))
        #expect(abs(twice.bound(pair: 1.5, 0, 1) - (2 * share + (1.5 - share))) < 1e-12)
        // The same pair typed twice: twice the pair.
        let pairTwice = ChainSearch.Scoring(
            try SearchQuery.parse("cap uy cap uy"), counts: [100, 300, 100, 300], bm25: bm25)
        #expect(abs(pairTwice.bound(pair: 1.5, 0, 1) - 3.0) < 1e-12)
    }

    @Test("Too few sections holding every pair together leave the search to FTS5")
    func tooFew() throws {
        let (handbook, corpus, out) = try library()
        defer { withExtendedLifetime((corpus, out)) {} }
        #expect(try hits(handbook, "dang vien chi", limit: 1) != nil)
        #expect(try hits(handbook, "dang vien chi", limit: 70) == nil)
        // Shapes the rows do not answer: a quoted phrase, a prefix, alternatives, an exclusion.
        for text in ["\"dang vien\" chi", "dang vien ch*", "dang vien chi OR bo", "dang vien chi -bo"] {
            #expect(try hits(handbook, text, limit: 1) == nil, "\(text)")
        }
        // Through the handbook, the page is the same whichever way it is found.
        for text in Self.chains {
            let (fast, full) = try lists.pages(handbook, try SearchQuery.parse(text), limit: 3)
            #expect(fast == full, "\(text)")
        }
    }
}

extension AdjacentRows.Writer {
    /// The stored form, as the build writes it into a list's row.
    fileprivate var data: Data {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return Data(bytes)
    }
}

@Suite("The rows of a pair, stored")
struct AdjacentRowsTests {
    @Test("Sparse rows are stored as gaps, dense ones as a bitmap, and both read back", arguments: [1, 3, 40])
    func roundTrip(_ step: Int) throws {
        var writer = AdjacentRows.Writer()
        let ids = (1...400).map { UInt32($0 * step * 3 + $0 % 3) }
        for id in ids { writer.append(id) }
        let data = writer.data
        #expect(data.first == (step == 1 ? AdjacentRows.Encoding.bitmap : .gaps).rawValue)
        #expect(data.count <= ids.count + 2)
        #expect(AdjacentRows.decode(data) == ids)
    }

    @Test("Large gaps take several bytes; an unknown encoding reads as nothing")
    func edges() {
        var writer = AdjacentRows.Writer()
        for id: UInt32 in [5, 200, 70_000, 16_000_000] { writer.append(id) }
        #expect(AdjacentRows.decode(writer.data) == [5, 200, 70_000, 16_000_000])
        #expect(AdjacentRows.decode(Data([9, 1, 2])) == nil)
        #expect(AdjacentRows.decode(Data()) == nil)
    }

    @Test("The intersection keeps the ids in every list")
    func intersection() {
        #expect(AdjacentRows.intersection([[1, 3, 5, 7, 9], [3, 4, 5, 9, 10], [0, 5, 9]]) == [5, 9])
        #expect(AdjacentRows.intersection([[1, 2], [3, 4]]) == [])
        #expect(AdjacentRows.intersection([[2, 4]]) == [2, 4])
        #expect(AdjacentRows.intersection([]) == [])
    }
}
