import Foundation
import Testing

@testable import SoTayCore

@Suite("Search over the real procedure")
struct SearchTests {
    let handbook = realIndex.handbook

    func top(_ text: String, limit: Int = 10) throws -> [SearchResult] {
        try handbook.search(SearchQuery.parse(text), limit: limit)
    }

    @Test(
        "Queries typed without diacritics land on the right section",
        arguments: [
            ("cu thu ky", "1.1"),
            ("gioi thieu dai bieu", "1.1"),
            ("dang vien du bi", "1.1"),
            ("Đảng viên dự bị", "1.1"),
            ("bao luu", "1.2"),
            ("to dang", "1.2"),
            ("bieu quyet nghi quyet", "1.3"),
            ("khung tieu chi danh gia chat luong", "1.3"),
            ("muc dich yeu cau", "2.2"),
            ("trinh bay chuyen de", "2.2"),
            ("du thao chuyen de", "2.3"),
            ("ket hop dinh ky", ""),
            ("\"thu ky\" -chuyen", "1.1"),
            ("nghi quy*", "1.3"),
            ("chuyen OR bao luu", "1.2"),
        ])
    func lands(query: String, section: String) throws {
        let results = try top(query)
        #expect(results.first?.section == section, "\(query) → \(results.map(\.section))")
    }

    @Test("Words next to each other in the typed order beat the same words scattered")
    func adjacency() throws {
        // 1.3 has "kết luận … thích hợp … định hướng … ký"; the intro has "kết hợp … định kỳ".
        let results = try top("ket hop dinh ky")
        #expect(results.map(\.section).prefix(2) == ["", "1.3"])
    }

    @Test("Typed diacritics rank exact matches first, whatever the tone placement")
    func diacritics() throws {
        // Only 1.2 says "thỏa đáng"; many sections say "Đảng" or "đảng viên".
        #expect(try top("đáng").first?.section == "1.2")
        #expect(try top("thoả").first?.section == "1.2")
        #expect(try top("thỏa").first?.section == "1.2")
        // Without marks, the exact-diacritic preference has nothing to act on: many results.
        #expect(try top("dang").count > 3)
    }

    @Test(
        "Typed into the search box, a half-typed last word already lands on the section",
        arguments: [
            ("bao lu", "1.2"), ("bảo lư", "1.2"), ("cu thu k", "1.1"), ("cử thư k", "1.1"),
            ("bieu quyet nghi qu", "1.3"), ("trinh bay chuyen d", "2.2"),
        ])
    func asTyped(query: String, section: String) throws {
        let results = try handbook.search(SearchQuery.parse(query, lastWordPartial: true), limit: 10)
        #expect(results.first?.section == section, "\(query) → \(results.map(\.section))")
    }

    @Test("Half-typed, the word typed so far is marked in the snippet as a word it begins")
    func asTypedSnippet() throws {
        let result = try #require(try handbook.search(SearchQuery.parse("bao lu", lastWordPartial: true)).first)
        let marked = result.snippet.parts.filter(\.matched).map { $0.text.lowercased() }
        #expect(marked.contains("bảo lưu"), "\(marked)")
        // The same text searched as whole words is another search: "lu" is no word of the procedure.
        #expect(try top("bao lu").isEmpty)
    }

    @Test("Results carry the breadcrumb, the number, the title and the reading time")
    func shape() throws {
        let result = try #require(try top("cu thu ky").first)
        #expect(result.doc == "quy-trinh-sinh-hoat-chi-bo")
        #expect(result.path == ["Quy trình sinh hoạt chi bộ", "Đối với sinh hoạt định kỳ", "Phần mở đầu"])
        #expect(result.title == "Phần mở đầu")
        #expect(result.readingMinutes == 1)
    }

    @Test("The snippet is the original accented text with the matched words marked")
    func snippet() throws {
        let result = try #require(try top("cu thu ky").first)
        #expect(result.snippet.rendered(open: "[", close: "]").contains("[Cử thư ký] cuộc họp"))
        let marked = result.snippet.parts.filter(\.matched).map(\.text)
        #expect(
            marked.allSatisfy {
                Folding.fold($0).split(separator: " ").allSatisfy { ["cu", "thu", "ky"].contains($0) }
            })
        // UTF-16 marks match the marked text, for JavaScript clients.
        let text = Array(result.snippet.text.utf16)
        let first = try #require(result.snippet.marks.first)
        #expect(String(decoding: text[first[0]..<first[1]], as: UTF16.self) == "Cử thư ký")
    }

    @Test("Excluded words remove sections; unknown words find nothing")
    func exclusion() throws {
        #expect(try top("phan ket thuc").prefix(2).map(\.section).sorted() == ["1.3", "2.3"])
        let without = try top("phan ket thuc -\"chuyen de\"").map(\.section)
        #expect(without.first == "1.3")
        #expect(!without.contains("2.3"))
        // Folding makes "-chuyen" exclude "chuyển" (1.3: "được chuyển đến") as well as "chuyên".
        #expect(!(try top("phan ket thuc -chuyen").map(\.section).contains("1.3")))
        #expect(try top("zzzz").isEmpty)
    }

    @Test("Both openings answer \"phan mo dau\", the shorter first")
    func openings() throws {
        #expect(try top("phan mo dau").prefix(2).map(\.section).sorted() == ["1.1", "2.1"])
    }

    @Test("The limit is respected")
    func limit() throws {
        #expect(try top("chi bo", limit: 2).count == 2)
    }

    @Test(
        "Hostile input never reaches FTS5 as syntax",
        arguments: [
            "NEAR(dang", "dang\"*", "a:b", "^dang", "dang + vien", "{dang vien}", "' OR 1=1 --", "dang NOT",
        ])
    func hostile(query: String) throws {
        _ = try top(query)
    }
}

@Suite("Reading and outlines")
struct ReadTests {
    let handbook = realIndex.handbook

    @Test("A section is read by number with its subsections and totals")
    func read() throws {
        let part = try handbook.read("1")
        #expect(part.title == "Đối với sinh hoạt định kỳ")
        #expect(part.children.map(\.section) == ["1.1", "1.2", "1.3"])
        #expect(part.words == part.children.reduce(ReadingTime.syllables(in: part.title)) { $0 + $1.words })
        #expect(part.readingMinutes == ReadingTime().minutes(forSyllables: part.words))
    }

    @Test(
        "Numbers are accepted with a trailing dot, and 0 is the intro",
        arguments: [
            ("1.2.", "1.2"), ("1.2", "1.2"), ("0", ""), ("gioi thieu", ""),
        ])
    func numbers(typed: String, section: String) throws {
        #expect(try handbook.read(typed).section == section)
    }

    @Test("An unknown section or document is a lookup error")
    func unknown() {
        #expect(throws: LookupError.noSection("9.9", doc: nil)) { try handbook.read("9.9") }
        #expect(throws: LookupError.self) { try handbook.read("1", doc: "khong-co") }
    }

    @Test("The outline lists every section with words and minutes, and the document total")
    func outline() throws {
        let outline = try handbook.outline("quy-trinh-sinh-hoat-chi-bo")
        #expect(outline.sections.map(\.section) == ["", "1", "2"])
        #expect(
            outline.sections[1].children.map(\.title) == ["Phần mở đầu", "Phần tổ chức sinh hoạt", "Phần kết thúc"])
        #expect(outline.words == outline.sections.reduce(0) { $0 + $1.words })
        #expect(outline.readingMinutes == 5)
    }

    @Test("The same number in two documents is ambiguous unless the document is named")
    func ambiguous() throws {
        let dir = TemporaryDirectory()
        try dir.copy(from: Paths.corpus)
        try dir.copy(from: Paths.fixtureCorpus)
        let path = dir.path + "/index.sqlite"
        try IndexBuilder.build(corpus: dir.path, to: path)
        let handbook = Handbook(database: try HandbookDatabase.open(path: path))
        #expect(try handbook.documents().map(\.doc) == ["dieu-le-mau", "huong-dan", "quy-trinh-sinh-hoat-chi-bo"])
        #expect {
            try handbook.read("1")
        } throws: { error in
            guard case LookupError.ambiguous(_, let candidates) = error else { return false }
            return Set(candidates.map(\.doc)) == ["dieu-le-mau", "huong-dan", "quy-trinh-sinh-hoat-chi-bo"]
        }
        #expect(try handbook.read("1", doc: "huong-dan").title == "Chuẩn bị")
        #expect(try handbook.read("dieu 2").title == "Đối tượng áp dụng")
    }

    @Test("An ambiguous number lists twenty places and counts the rest")
    func manyCandidates() throws {
        let dir = TemporaryDirectory()
        for n in 0..<25 { try dir.write("tai-lieu-\(n).txt", "1. Mục một\n\nNội dung \(n).\n") }
        try IndexBuilder.build(corpus: dir.path, to: dir.path + "/index.sqlite")
        let handbook = Handbook(database: try HandbookDatabase.open(path: dir.path + "/index.sqlite"))
        #expect {
            try handbook.read("1.")
        } throws: { error in
            guard let lookup = error as? LookupError, case .ambiguous(_, let candidates) = lookup else { return false }
            return candidates.count == 25 && lookup.message.contains("… và 5 nơi khác")
                && lookup.message.components(separatedBy: "--doc ").count == 21
        }
        #expect(try handbook.read("1", doc: "tai-lieu-7").text == "Nội dung 7.")
    }
}
