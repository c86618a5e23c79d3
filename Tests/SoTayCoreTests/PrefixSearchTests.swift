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

    func listed(_ handbook: Handbook, _ query: SearchQuery, limit: Int) throws -> [String]? {
        try handbook.database.read { db in
            try PrefixSearch.listed(for: query, limit: limit, rowCount: { try handbook.rowCount($0, db) }, db)?.map {
                try String.fetchOne(
                    db,
                    sql:
                        "SELECT d.slug || '#' || s.number FROM section s JOIN document d ON d.id = s.documentId WHERE s.id = ?",
                    arguments: [$0.candidate.id])!
            }
        }
    }

    /// Every page the word's list decides for `texts` at limits 1 to 6, checked against ranking
    /// every match; how many it decided.
    func decidedPages(_ handbook: Handbook, _ texts: [String]) throws -> Int {
        var decided = 0
        for text in texts {
            let query = try SearchQuery.parse(text)
            for limit in 1...6 {
                let full = try lists.exhaustive(handbook).search(query, limit: limit).map { "\($0.doc)#\($0.section)" }
                guard let page = try listed(handbook, query, limit: limit) else { continue }
                decided += 1
                #expect(page == full, "\(text), limit \(limit)")
                #expect(try handbook.search(query, limit: limit).map { "\($0.doc)#\($0.section)" } == full)
            }
        }
        return decided
    }

    /// Sixty-four sections where "thảo" (and "thạo", folded alike) stands in about a third,
    /// up to five times, mostly before "luận": a word with an idf of its own, unlike the
    /// shared corpus's, where every word is in most sections.
    static func writeSparseCorpus(_ dir: TemporaryDirectory) throws {
        let filler = ["sinh", "hoạt", "nghị", "quyết", "chi", "bộ", "đảng", "viên", "công", "tác", "cán", "sự", "năm"]
        var numbers = SeededNumbers(state: 11)
        for d in 0..<8 {
            var text = "Tài liệu \(d)\n\n"
            for s in 1...8 {
                var words = (0..<(4 + numbers.next(30))).map { _ in filler[numbers.next(filler.count)] }
                if numbers.next(3) == 0 {
                    for _ in 0...numbers.next(5) {
                        let pair = [["thảo", "luận"], ["thảo", "luận"], ["thạo", "lòng"], ["thảo", "ra"]][
                            numbers.next(4)]
                        words.insert(contentsOf: pair, at: numbers.next(words.count + 1))
                    }
                }
                if numbers.next(3) == 0 { words.insert("lực", at: numbers.next(words.count + 1)) }
                text += "\(s). Mục \(filler[numbers.next(4)]) \(s)\n\n\(words.joined(separator: " ")).\n\n"
            }
            try dir.write("tai-lieu-\(d).txt", text)
        }
    }

    static let wordThenPrefix = ["thao l*", "thảo l*", "thao lu*", "thảo luậ*", "thạo l*", "thao r*", "THẢO LU*"]

    func sparse(_ corpus: TemporaryDirectory, _ out: TemporaryDirectory) throws -> Handbook {
        try Self.writeSparseCorpus(corpus)
        return try lists.build(corpus, out)
    }

    @Test("A word, then a prefix typed last: the word's list gives the page of every match when it decides it")
    func fromTheWordsList() throws {
        let (corpus, out) = (TemporaryDirectory(), TemporaryDirectory())
        let handbook = try sparse(corpus, out)
        let decided = try decidedPages(handbook, Self.wordThenPrefix)
        #expect(decided >= 15, "pages decided from the lists: \(decided) of 42")
        // Not this shape: a prefix alone or first, three terms, an excluded word, a phrase.
        for text in ["l*", "l* thao", "thao luan l*", "thao -ra l*", "\"thao luan\" l*", "thao luan"] {
            #expect(try listed(handbook, SearchQuery.parse(text), limit: 3) == nil, "\(text)")
        }
        // The shared corpus's words are in most sections (idf floored): nothing is decided,
        // and the search goes on as before.
        let (common, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        #expect(try decidedPages(common, ["dang v*", "chi b*", "đảng v*"]) == 0)
    }

    @Test("A section neither the word's list nor the prefix's holds, best by the two together, is not passed over")
    func neitherList() throws {
        let (corpus, out) = (TemporaryDirectory(), TemporaryDirectory())
        // Every section eight words long. Six hold "thảo" three times (the word's list), six
        // hold "luận" four times (the prefix's), and one holds each twice: by the two
        // together, it ranks first, and neither list holds it.
        let filler = ["sinh", "hoạt", "nghị", "quyết", "chi", "bộ", "công", "tác"]
        func section(_ words: [String]) -> String { (words + filler).prefix(8).joined(separator: " ") }
        // ("lực" once, so that two words begin with "lu" and it gets a list; the word and the
        // prefix are then in as many sections, and weigh alike.)
        var bodies = (0..<6).map { _ in section(["thảo", "thảo", "thảo", "luận"]) }
        bodies += (0..<6).map { n in section(["thảo", "luận", "luận", "luận", n == 0 ? "lực" : "luận"]) }
        bodies.append(section(["thảo", "luận", "thảo", "luận"]))
        bodies += (0..<30).map { _ in section([]) }
        let text = bodies.enumerated().map { "\($0 + 1). Mục \($0 + 1)\n\n\($1).\n" }.joined(separator: "\n")
        try corpus.write("a.txt", "Tài liệu\n\n" + text)
        let handbook = try lists.build(corpus, out)
        let query = try SearchQuery.parse("thao lu*")
        let full = try lists.exhaustive(handbook).search(query, limit: 3).map { "\($0.doc)#\($0.section)" }
        #expect(full.first == "a#13")
        #expect(try listed(handbook, query, limit: 3).map { $0 == full } ?? true)
        #expect(try handbook.search(query, limit: 3).map { "\($0.doc)#\($0.section)" } == full)
    }

    @Test("After an incremental build the word's list reads the sections added since")
    func fromTheWordsListAfterChanges() throws {
        let (corpus, out) = (TemporaryDirectory(), TemporaryDirectory())
        _ = try sparse(corpus, out)
        try corpus.write("moi.txt", "Tài liệu mới\n\n1. Thảo luận\n\nthảo luận thảo luận thảo luận.\n")
        let handbook = try lists.build(corpus, out, full: false)
        #expect((try lists.basis(handbook)?.changed ?? 0) > 0)
        #expect(try decidedPages(handbook, Self.wordThenPrefix) >= 10)
        // The added section, the best for "thao l*" by far, comes first.
        #expect(try listed(handbook, SearchQuery.parse("thao l*"), limit: 1) == ["moi#1"])
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
