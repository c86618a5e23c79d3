import Testing

@testable import SoTayCore

@Suite("The query language")
struct QueryTests {
    @Test(
        "Words must all match, folded",
        arguments: [
            ("cu thu ky", "\"cu\" AND \"thu\" AND \"ky\""),
            ("Đảng viên dự bị", "\"dang\" AND \"vien\" AND \"du\" AND \"bi\""),
            ("  bao   luu ", "\"bao\" AND \"luu\""),
        ])
    func words(input: String, pattern: String) throws {
        #expect(try SearchQuery.parse(input).ftsPattern == pattern)
    }

    @Test(
        "Each special input has one meaning",
        arguments: [
            // A quoted phrase, a prefix, an exclusion, alternatives.
            ("\"thu ky\" cuoc", "\"thu ky\" AND \"cuoc\""),
            ("bien*", "\"bien\"*"),
            ("\"bien ban\"*", "\"bien ban\"*"),
            ("chi bo -chuyen", "(\"chi\" AND \"bo\") NOT (\"chuyen\")"),
            ("dinh OR chuyen de", "(\"dinh\" OR \"chuyen\") AND \"de\""),
            ("-\"chuyen de\" chi", "(\"chi\") NOT (\"chuyen de\")"),
            // Stray quotes and brackets are plain words.
            ("\"thu ky", "\"thu\" AND \"ky\""),
            ("(thu ky)", "\"thu\" AND \"ky\""),
            ("thu\" ky", "\"thu\" AND \"ky\""),
            ("thu\"\"ky", "\"thu ky\""),
            // Colons, FTS5 operators and column filters typed as words.
            ("title:dang", "\"title dang\""),
            ("NEAR(dang vien)", "\"near dang\" AND \"vien\""),
            ("dang AND vien NOT bi", "\"dang\" AND \"and\" AND \"vien\" AND \"not\" AND \"bi\""),
            ("dang or vien", "\"dang\" AND \"or\" AND \"vien\""),
            ("OR dang", "\"or\" AND \"dang\""),
            ("dang OR", "\"dang\" AND \"or\""),
            ("dang OR OR vien", "(\"dang\" OR \"or\") AND \"vien\""),
            // SQL text.
            ("'; DROP TABLE section; --", "\"drop\" AND \"table\" AND \"section\""),
            // A hyphenated compound is a phrase; a lone star or dash is nothing.
            ("ket-hop", "\"ket hop\""),
            ("* - dang", "\"dang\""),
        ])
    func special(input: String, pattern: String) throws {
        #expect(try SearchQuery.parse(input).ftsPattern == pattern)
    }

    @Test("Empty and punctuation-only queries are usage errors", arguments: ["", "   ", "\"\"", "()*", "—–"])
    func empty(input: String) {
        #expect(throws: QueryError.empty) { try SearchQuery.parse(input) }
    }

    @Test("A query of exclusions only is a usage error")
    func onlyExclusions() {
        #expect(throws: QueryError.onlyExclusions("-dang -vien")) { try SearchQuery.parse("-dang -vien") }
    }

    @Test("A very long query is cut, not refused")
    func long() throws {
        let query = try SearchQuery.parse(String(repeating: "dang vien ", count: 500))
        #expect(query.truncated)
        #expect(query.clauses.count == SearchQuery.maximumTerms)
    }

    @Test(
        "In the search box the last word, not yet followed by a space, is the beginning of a word",
        arguments: [
            ("bao lu", "\"bao\" AND \"lu\"*"),
            ("cu thu k", "\"cu\" AND \"thu\" AND \"k\"*"),
            ("ket-h", "\"ket h\"*"),
            ("dinh OR chu", "(\"dinh\" OR \"chu\"*)"),
            // Finished: a space after it, a quote, an exclusion, a star, OR.
            ("bao lu ", "\"bao\" AND \"lu\""),
            ("cu \"thu ky\"", "\"cu\" AND \"thu ky\""),
            ("chi bo -chu", "(\"chi\" AND \"bo\") NOT (\"chu\")"),
            ("bien*", "\"bien\"*"),
            ("dinh OR", "\"dinh\" AND \"or\""),
            // A lone letter is no search of its own; after other words it narrows them.
            ("d", "\"d\""),
            ("đ", "\"d\""),
            ("dang v", "\"dang\" AND \"v\"*"),
        ])
    func partial(input: String, pattern: String) throws {
        #expect(try SearchQuery.parse(input, lastWordPartial: true).ftsPattern == pattern)
        // Outside the search box every word is whole: only a typed star makes a prefix.
        #expect(try SearchQuery.parse(input).ftsPattern.contains("*") == input.contains("*"))
    }

    @Test("The text shown for a query is what was typed, without the spaces around it")
    func shownText() throws {
        #expect(try SearchQuery.parse("  bao luu ", lastWordPartial: true).text == "bao luu")
        #expect(throws: QueryError.onlyExclusions("-dang")) { try SearchQuery.parse(" -dang ") }
    }

    @Test("Typed diacritics are kept for ranking, with a tone-placement-free key")
    func exactKeys() throws {
        let query = try SearchQuery.parse("thoả dang")
        #expect(query.allPositiveTokens.map(\.exactKey) == [VietnameseText.exactKey("thỏa"), nil])
    }

    @Test("Adjacency is asked only of words typed next to each other")
    func chains() throws {
        let query = try SearchQuery.parse("ket hop dinh OR chuyen ky")
        #expect(query.chains.map { $0.map(\.folded) } == [["ket", "hop"], ["ky"]])
    }

    @Test(
        "The adjacency sotay_rank counts is the ranker's: pairs inside phrases and between neighbours",
        arguments: [
            ("dang", "0 0"),
            ("dang vien", "1 0 0"),
            ("cu \"thu ky\" moi", "3 1 0 1"),
            ("chuyen OR bao luu", "0 0"),
            ("to chuc chi bo OR dang", "2 0 0 1"),
            ("dang -vien chi", "1 0 0"),
        ])
    func adjacencySpec(query: String, spec: String) throws {
        #expect(try SearchQuery.parse(query).adjacencySpec == spec)
    }
}
