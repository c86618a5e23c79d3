import GRDB
import Testing

@testable import SoTayCore

@Suite("Short prefixes: counts kept with the lists, and matches scored from the text")
struct PrefixSearchTests {
    let lists = TopListsTests()

    func ranked(_ handbook: Handbook, _ query: SearchQuery, limit: Int = 100, costRatio: Int = 0) throws
        -> [Ranker.Scored]?
    {
        try handbook.database.read { db in
            try PrefixSearch.ranked(
                for: query, limit: limit, rowCount: { try handbook.rowCount($0, db) }, costRatio: costRatio, db)
        }
    }

    @Test("Each one- or two-letter prefix's count is the number of sections FTS5 finds for it")
    func counts() throws {
        let (handbook, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        let recorded = try handbook.database.read { db in
            try Row.fetchAll(db, sql: "SELECT key, matches FROM top_list WHERE key LIKE '%*'").map {
                (String(($0["key"] as String).dropLast()), $0["matches"] as Int)
            }
        }
        // "Đảng", "đảng" and "Điều" fold to d…; "viên", "viện" to vi…
        for prefix in ["d", "da", "v", "vi", "c", "ch", "t", "th"] {
            #expect(recorded.contains { $0.0 == prefix }, "\(prefix)")
        }
        for (prefix, count) in recorded {
            #expect((1...2).contains(prefix.utf8.count))
            let fts = try handbook.database.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM section_fts WHERE section_fts MATCH ?", arguments: ["\"\(prefix)\"*"]
                )
            }
            #expect(count == fts, "\(prefix)*")
        }
    }

    @Test(
        "Scored from the text, a prefix search gives what ranking every match gives",
        arguments: [
            "dang v*", "chi b*", "vien d*", "đảng v*", "thu k*", "dang vien s*", "bo -dang v*", "\"chi bo\" s*",
        ])
    func agreesWithExhaustive(_ text: String) throws {
        let (handbook, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        let query = try SearchQuery.parse(text)
        let full = try lists.exhaustive(handbook).search(query, limit: 100).map(\.section)
        let scored = try #require(try ranked(handbook, query), "\(text) has the shape the text scan answers")
        #expect(!full.isEmpty)
        let ids = try handbook.database.read { db in
            try scored.map {
                try String.fetchOne(db, sql: "SELECT number FROM section WHERE id = ?", arguments: [$0.candidate.id])!
            }
        }
        #expect(ids == full, "\(text)")
        // The page a search shows, whichever way it is found.
        for limit in [1, 5] {
            let page = try handbook.search(query, limit: limit).map(\.section)
            #expect(page == Array(full.prefix(limit)), "\(text) \(page) \(full)")
        }
    }

    @Test(
        "Typed last, the prefix's bound stops the reading at the page, which is the page of every match",
        arguments: ["dang v*", "chi b*", "vien d*", "đảng v*", "dang vien s*", "chi bo d*", "đảng viên ch*"])
    func walkStopsAtThePage(_ text: String) throws {
        let (handbook, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        let query = try SearchQuery.parse(text)
        let full = try lists.exhaustive(handbook).search(query, limit: 100).map(\.section)
        let all = try #require(try ranked(handbook, query))
        #expect(all.count == full.count, "\(text): every match")
        for limit in 1...5 {
            let page = try #require(try ranked(handbook, query, limit: limit))
            #expect(page.map(\.candidate.id) == all.prefix(limit).map(\.candidate.id), "\(text), limit \(limit)")
        }
    }

    @Test("For the ranker a prefix stands next to the word before it when a word it begins follows that word")
    func prefixAdjacency() throws {
        let matcher = Ranker.Matcher(try SearchQuery.parse("dang v*"))
        #expect(matcher.scores(title: "", body: "Chi bộ có Đảng viên mới").adjacency == 1)
        #expect(matcher.scores(title: "Đảng", body: "ủy viên").adjacency == 0)
        #expect(matcher.scores(title: "", body: "đảng ủy, vận động").adjacency == 0)
        // Marks count on a word the prefix begins, tone and all.
        let typed = Ranker.Matcher(try SearchQuery.parse("đảng viên*"))
        #expect(typed.scores(title: "", body: "Đảng viên").diacritics == 1)
        #expect(typed.scores(title: "", body: "Đảng viện").diacritics == 0.5)
        let begun = Ranker.Matcher(try SearchQuery.parse("bảo lư*"))
        #expect(begun.scores(title: "", body: "được bảo lưu").diacritics == 1)
        #expect(begun.scores(title: "", body: "bão lũ, lửa").diacritics == 0)
        #expect(begun.scores(title: "", body: "bảo lữ").diacritics == 0.5)
        #expect(Ranker.Matcher(try SearchQuery.parse("bả*")).scores(title: "Bảo", body: "").diacritics == 1)
        #expect(typed.signals(title: "Viên", body: "đảng viên, viện", prefix: Array("vi".utf8)).prefixHits == 12)
    }

    @Test(
        "A prefix alone, two prefixes, a phrase prefix or alternatives are left to FTS5",
        arguments: ["v*", "dang* v*", "\"dang v\"*", "dang OR chi v*"])
    func notAnswered(_ text: String) throws {
        let (handbook, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        #expect(try ranked(handbook, SearchQuery.parse(text)) == nil)
    }

    @Test("The text is read only when the other words' sections are few against the prefix's")
    func costRule() throws {
        let (handbook, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        let query = try SearchQuery.parse("dang v*")
        #expect(try ranked(handbook, query, costRatio: 0) != nil)
        #expect(try ranked(handbook, query, costRatio: PrefixSearch.costRatio) == nil)
    }
}
