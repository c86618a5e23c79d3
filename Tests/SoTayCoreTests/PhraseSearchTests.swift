import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("Quoted phrases of three words or more: bounded by their pairs' lists, or found from the pairs' rows")
struct PhraseSearchTests {
    let lists = TopListsTests()

    /// The page of a phrase search, as "doc#section", or nil when neither way decides it.
    func hits(_ handbook: Handbook, _ text: String, limit: Int, costRatio: Int = 0) throws -> [String]? {
        try handbook.database.read { db -> [String]? in
            try PhraseSearch.ids(for: SearchQuery.parse(text), limit: limit, costRatio: costRatio, db)?.map {
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT d.slug, s.number FROM section s JOIN document d ON d.id = s.documentId WHERE s.id = ?",
                    arguments: [$0])!
                return "\(row[0] as String)#\(row[1] as String)"
            }
        }
    }

    func exhaustive(_ handbook: Handbook, _ text: String, limit: Int) throws -> [String] {
        try lists.exhaustive(handbook).search(SearchQuery.parse(text), limit: limit).map { "\($0.doc)#\($0.section)" }
    }

    /// Forty sections: those titled with the phrase score alike, the rest hold it once or not.
    static func writeTitles(_ corpus: TemporaryDirectory, extra: String = "") throws {
        var text = "Tài liệu\n\n"
        for s in 1...40 {
            text +=
                s % 2 == 0
                ? "\(s). Tự phê bình\n\nChi bộ họp.\n\n"
                : "\(s). Mục \(s)\n\nĐảng viên tự phê bình và phê bình trong chi bộ, lần \(s).\n\n"
        }
        try corpus.write("phe-binh.txt", text + extra)
    }

    @Test("Many sections scoring alike: the page is the first of them in reading order, up to a list's length")
    func ties() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeTitles(corpus)
        let handbook = try lists.build(corpus, out)
        // Twenty sections titled with the phrase score alike; the lists hold six of them.
        for limit in [1, 3, 6] {
            let fast = try #require(try hits(handbook, "\"tu phe binh\"", limit: limit), "the lists decide the page")
            #expect(fast == (try exhaustive(handbook, "\"tu phe binh\"", limit: limit)))
            #expect(fast.count == limit)
        }
        // A seventh section scoring as much might come from outside the lists.
        #expect(try hits(handbook, "\"tu phe binh\"", limit: 7) == nil)
    }

    @Test("The page is decided when its last section comes before whatever a list leaves out")
    func decides() {
        let bounds: [(weight: Double, last: Int64)] = [(2.0, 50), (3.0, 10)]
        #expect(PhraseSearch.decides((99, 2.1), bounds: bounds), "above a bound")
        #expect(PhraseSearch.decides((50, 2.0), bounds: bounds), "the list's last itself")
        #expect(PhraseSearch.decides((49, 2.0), bounds: bounds), "as much, and before the list's last")
        #expect(!PhraseSearch.decides((51, 2.0), bounds: bounds), "as much, after the list's last")
        #expect(!PhraseSearch.decides((1, 1.9), bounds: bounds), "below every bound")
        #expect(PhraseSearch.decides((1, 0.1), bounds: [(0, 0)]), "a list holding every section with its pair")
        #expect(!PhraseSearch.decides((1, 5), bounds: []), "no list")
    }

    @Test("Sections added since the lists were made are scored too")
    func incremental() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeTitles(corpus)
        _ = try lists.build(corpus, out)
        try corpus.write("moi.txt", "Tài liệu mới\n\n1. Tự phê bình, tự phê bình\n\nTự phê bình.\n")
        let handbook = try lists.build(corpus, out, full: false)
        #expect(try lists.basis(handbook)?.changed ?? 0 > 0, "the lists were kept")
        for limit in [1, 4] {
            let fast = try #require(try hits(handbook, "\"tu phe binh\"", limit: limit))
            #expect(fast == (try exhaustive(handbook, "\"tu phe binh\"", limit: limit)), "limit \(limit)")
            #expect(fast.first == "moi#1")
        }
    }

    @Test("When the lists do not decide, the pairs' rows hold every section with the phrase")
    func fromPairRows() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try TopListsTests.writeCorpus(corpus)
        let handbook = try lists.build(corpus, out, parameters: ChainSearchTests.parameters)
        var answered = 0
        for text in ["\"dang vien chi\"", "\"chi bo sinh\"", "\"vien dang vien\"", "\"sinh hoat thu ky\""] {
            for limit in [1, 3, 20] {
                guard let fast = try hits(handbook, text, limit: limit) else { continue }
                answered += 1
                #expect(fast == (try exhaustive(handbook, text, limit: limit)), "\(text), limit \(limit)")
            }
        }
        #expect(answered == 12, "every phrase is answered, a page longer than its sections too")
        #expect(try exhaustive(handbook, "\"chi bo sinh\"", limit: 1).isEmpty, "one phrase found nowhere")
        // Without the pairs' rows, a page the lists cannot fill is left to FTS5.
        let (plain, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        #expect(try hits(plain, "\"dang vien chi\"", limit: 20) == nil)
    }

    @Test(
        "Not a quoted phrase of three words typed without marks: left to the other searches",
        arguments: [
            "\"dang vien\"", "dang vien chi", "\"dang vien chi\"*", "\"đảng viên chi\"", "\"dang vien chi\" -bo",
            "\"dang vien chi\" bo",
        ])
    func notAnswered(_ text: String) throws {
        let (handbook, folders) = try lists.built()
        defer { withExtendedLifetime(folders) {} }
        #expect(try hits(handbook, text, limit: 1) == nil)
    }
}
