import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("Lists of prefixes, for the word being typed")
struct PrefixListsTests {
    /// Words that share beginnings, as Vietnamese syllables do: "chi", "chính", "chiến"…
    static let words = [
        "chi", "chính", "chiến", "chiều", "chia", "bộ", "thư", "thức", "thương", "thu", "quy", "quyết", "quân",
        "đảng", "viên", "sinh", "hoạt", "Chính",
    ]

    static func writeCorpus(_ dir: TemporaryDirectory, seed: UInt64) throws {
        var numbers = SeededNumbers(state: seed)
        for d in 0..<12 {
            var text = "Tài liệu \(d)\n\n"
            for s in 1...6 {
                let body = (0..<(3 + numbers.next(25))).map { _ in words[numbers.next(words.count)] }
                text += "\(s). Mục \(words[numbers.next(4)]) \(s)\n\n\(body.joined(separator: " ")).\n\n"
            }
            try dir.write("tai-lieu-\(d).txt", text)
        }
    }

    /// The top lists' tests' helpers: the same thresholds, searches and comparisons.
    let helpers = TopListsTests()

    @Test("A prefix gets a list when two words or more begin with it and their sections reach the bar")
    func selection() {
        let terms = ["chi", "chia", "chinh", "cho", "thu", "thuc", "xa"]
        let lists = TopLists.PrefixLists(terms: terms, rowsWith: [10, 1, 5, 8, 3, 3, 100], threshold: 5)
        #expect(lists.prefixes == ["ch", "th", "chi", "thu"])
        func of(_ term: Int) -> [String] {
            (Int(lists.starts[term])..<Int(lists.starts[term + 1])).map { lists.prefixes[Int(lists.ids[$0])] }
        }
        #expect(
            terms.indices.map(of) == [
                ["ch", "chi"], ["ch", "chi"], ["ch", "chi"], ["ch"], ["th", "thu"], ["th", "thu"], [],
            ])
        // Below the bar: "th" and "thu" hold 6 rows at most.
        #expect(
            TopLists.PrefixLists(terms: terms, rowsWith: [10, 1, 5, 8, 3, 3, 100], threshold: 7).prefixes == [
                "ch", "chi",
            ])
        // No prefix is cut inside a character: "é" is two bytes.
        #expect(TopLists.PrefixLists(terms: ["aé", "aéb"], rowsWith: [9, 9], threshold: 1).prefixes == ["aé"])
        #expect(TopLists.PrefixLists(terms: [], rowsWith: [], threshold: 1).prefixes.isEmpty)
    }

    @Test(
        "A prefix typed alone is answered by its list, as ranking every match would",
        arguments: ["ch*", "chi*", "chie*", "th*", "thu*", "quy", "qu*", "quy*", "chi", "thu", "qu"])
    func agreesWithExhaustive(_ text: String) throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus, seed: 5)
        let handbook = try helpers.build(corpus, out)
        // Without a star, as the search box sends a word being typed.
        let query = try SearchQuery.parse(text, lastWordPartial: true)
        for limit in [1, 3, 6] {
            #expect(try helpers.listed(handbook, query, limit: limit) != nil, "\(text) should be answered by a list")
            let pages = try helpers.pages(handbook, query, limit: limit)
            #expect(pages.fast == pages.full)
        }
        // The list's count is the prefix's sections, as FTS5 counts them.
        let prefix = query.clauses[0][0].tokens[0].folded
        try handbook.database.read { db in
            let fts = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM section_fts WHERE section_fts MATCH ?", arguments: [prefix + "*"])
            #expect(try TopLists.recordedPrefixMatches(prefix, db) == fts)
        }
    }

    @Test("A prefix typed with marks gives what ranking every match gives, from the list when it can")
    func typedMarks() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus, seed: 5)
        let handbook = try helpers.build(corpus, out)
        var answered = 0
        for text in ["chí", "chiế", "thư", "thươ", "quyế", "Chí"] {
            let query = try SearchQuery.parse(text, lastWordPartial: true)
            for limit in [1, 3, 6] {
                if try helpers.listed(handbook, query, limit: limit) != nil { answered += 1 }
                let pages = try helpers.pages(handbook, query, limit: limit)
                #expect(pages.fast == pages.full, "\(text) \(limit)")
            }
        }
        #expect(answered > 0)
    }

    @Test("After an incremental build, the changed sections are merged into a prefix's list")
    func incremental() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus, seed: 5)
        _ = try helpers.build(corpus, out)
        // A document added, far short of the eighth of the library that recomputes the lists.
        try corpus.write(
            "moi.txt", "Tài liệu mới\n\n1. Chiến chiều\n\nchiến chiều chiến chia thương thương thức chi.\n")
        let handbook = try helpers.build(corpus, out, full: false)
        let changed = try handbook.database.read { db in try TopLists.Basis.load(db)?.changed }
        #expect((changed ?? 0) > 0)
        for text in ["ch*", "chi*", "chie*", "th*", "thu*", "chiế"] {
            let query = try SearchQuery.parse(text, lastWordPartial: true)
            for limit in [1, 3, 6] {
                let pages = try helpers.pages(handbook, query, limit: limit)
                #expect(pages.fast == pages.full, "\(text) \(limit)")
            }
        }
        #expect(try helpers.listed(handbook, "chi*", limit: 3) != nil)
    }
}
