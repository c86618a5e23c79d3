import Testing

@testable import SoTayCore

@Suite("Prefixes that only their own word begins, read as that word")
struct WholeWordPrefixesTests {
    let lists = TopListsTests()

    /// The top lists' corpus, with a document of words that lengthen others: "viếng" (vien…),
    /// "chia" (chi…).
    func built() throws -> (Handbook, TemporaryDirectory, TemporaryDirectory) {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try TopListsTests.writeCorpus(corpus)
        try corpus.write("tai-lieu-x.txt", "Tài liệu x\n\n1. Viếng\n\nchi bộ chia viếng đảng viên sinh hoạt.\n")
        return (try lists.build(corpus, out), corpus, out)
    }

    func prefixes(_ handbook: Handbook, _ text: String) throws -> [Bool] {
        let query = try SearchQuery.parse(text)
        return try handbook.database.read { db in
            try WholeWordPrefixes.closing(query, db).clauses.flatMap { $0.map(\.isPrefix) }
        }
    }

    @Test("Only prefixes no longer word begins are read as words")
    func closing() throws {
        let (handbook, corpus, out) = try built()
        defer { withExtendedLifetime((corpus, out)) {} }
        #expect(try prefixes(handbook, "dang*") == [false])
        #expect(try prefixes(handbook, "sinh hoat*") == [false, false])
        #expect(try prefixes(handbook, "\"sinh hoat\"*") == [false])
        #expect(try prefixes(handbook, "vien*") == [true])  // viếng
        #expect(try prefixes(handbook, "chi*") == [true])  // chia
        #expect(try prefixes(handbook, "ho*") == [true])  // hoạt
        #expect(try prefixes(handbook, "đảng viê*") == [false, true])
    }

    @Test("Read as words, prefixes give the page that ranking every match gives, from the lists")
    func samePage() throws {
        let (handbook, corpus, out) = try built()
        defer { withExtendedLifetime((corpus, out)) {} }
        for text in ["dang*", "đảng*", "sinh hoat*", "dang vien*", "vien*", "chi*", "chi bo*", "đảng viê*"] {
            for limit in [1, 3, 6] {
                let (fast, full) = try lists.pages(handbook, try SearchQuery.parse(text), limit: limit)
                #expect(fast == full, "\(text), limit \(limit)")
            }
        }
        // "dang*" is now the word "dang", which its list answers.
        let closed = try handbook.database.read { db in
            try WholeWordPrefixes.closing(try SearchQuery.parse("dang*"), db)
        }
        #expect(try handbook.database.read { db in try TopLists.rows(for: closed, limit: 3, db) } != nil)
    }

    @Test("A longer word added by an incremental build makes a prefix a prefix again")
    func incremental() throws {
        let (_, corpus, out) = try built()
        defer { withExtendedLifetime((corpus, out)) {} }
        try corpus.write("tai-lieu-y.txt", "Tài liệu y\n\n1. Mục\n\nđảngx mới.\n")
        let handbook = try lists.build(corpus, out, full: false)
        #expect(try prefixes(handbook, "dang*") == [true])
        let found = try handbook.search(SearchQuery.parse("dang*"), limit: 100).map(\.doc)
        #expect(found.contains("tai-lieu-y"))
    }
}
