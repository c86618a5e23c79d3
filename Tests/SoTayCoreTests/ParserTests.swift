import Foundation
import Testing

@testable import SoTayCore

@Suite("Parsing the real procedure")
struct RealCorpusParserTests {
    let document = realDocument

    @Test("Its sections are the intro, 1, 1.1–1.3, 2, 2.1–2.3, in order, with their titles and levels")
    func sections() {
        #expect(document.sections.map(\.number) == ["", "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3"])
        #expect(
            document.sections.map(\.title) == [
                "Giới thiệu", "Đối với sinh hoạt định kỳ", "Phần mở đầu", "Phần tổ chức sinh hoạt", "Phần kết thúc",
                "Đối với sinh hoạt chuyên đề", "Phần mở đầu", "Phần tổ chức sinh hoạt", "Phần kết thúc",
            ])
        #expect(document.sections.map(\.level) == [1, 1, 2, 2, 2, 1, 2, 2, 2])
        #expect(document.sections.map(\.parent) == [nil, nil, 1, 1, 1, nil, 5, 5, 5])
    }

    @Test("The page chrome is metadata, not text")
    func metadata() {
        #expect(document.title == "Quy trình sinh hoạt chi bộ")
        #expect(document.slug == "quy-trinh-sinh-hoat-chi-bo")
        #expect(document.metadata("publisher") == "Sổ tay điện tử – ĐUK Bình Thuận")
        #expect(document.metadata("published-views") == "99")
        #expect(document.metadata("kind") == "procedure")
        let all = document.sections.map(\.text).joined(separator: "\n")
        #expect(!all.contains("QUY TRÌNH SINH HOẠT CHI BỘ"))
        #expect(!all.contains("—–"))
        #expect(!all.contains("Sổ tay điện tử"))
    }

    @Test("The intro is the text before the first numbered heading")
    func intro() {
        let intro = document.sections[0]
        #expect(intro.isIntro)
        #expect(intro.text.hasPrefix("Tuỳ theo nội dung sinh hoạt chi bộ"))
        #expect(intro.text.hasSuffix("quy trình sinh hoạt chi bộ như sau:"))
        #expect(intro.blocks.count == 1)
    }

    @Test("1.1 has a lead-in paragraph and four bullets")
    func opening() throws {
        let blocks = try #require(document.section("1.1")).blocks
        #expect(blocks.first == .paragraph("Đồng chí chủ trì buổi sinh hoạt tiến hành các nội dung sau:"))
        let bullets = blocks.compactMap { if case .bullet(let t) = $0 { t } else { nil } }
        #expect(bullets.count == 4)
        #expect(bullets[0] == "Giới thiệu đại biểu (nếu có).")
        #expect(bullets[3].hasPrefix("Cử thư ký cuộc họp"))
    }

    @Test("1.2 has three bullets and a closing guidance paragraph; 1.3 six bullets")
    func mainAndClosing() throws {
        let main = try #require(document.section("1.2")).blocks
        #expect(main.filter { if case .bullet = $0 { true } else { false } }.count == 3)
        #expect(main.last?.text.hasPrefix("Trong quá trình thảo luận") == true)
        let closing = try #require(document.section("1.3")).blocks
        #expect(closing.filter { if case .bullet = $0 { true } else { false } }.count == 6)
    }

    @Test("A heading with text after a colon has that text as its body")
    func inlineBody() throws {
        let section = try #require(document.section("2.1"))
        #expect(section.title == "Phần mở đầu")
        #expect(section.text == "Thực hiện như sinh hoạt định kỳ.")
    }

    @Test("2.3 is two paragraphs without bullets, kept as published")
    func paragraphs() throws {
        let blocks = try #require(document.section("2.3")).blocks
        #expect(blocks.count == 2)
        #expect(blocks.allSatisfy { if case .paragraph = $0 { true } else { false } })
        #expect(blocks[1].text.hasSuffix("(thể hiện trong báo cáo tháng của chi bộ)."))
    }

    @Test("The document text is the source's, byte for byte, between the title and the end of 2.3")
    func verbatim() throws {
        let source = try String(
            contentsOfFile: Paths.packageRoot.path + "/../shared/source/quy-trinh-sinh-hoat-chi-bo.txt", encoding: .utf8
        )
        let corpus = try String(contentsOfFile: Paths.realDocument, encoding: .utf8)
        let start = try #require(source.range(of: "QUY TRÌNH SINH HOẠT CHI BỘ"))
        let end = try #require(source.range(of: "(thể hiện trong báo cáo tháng của chi bộ)."))
        #expect(corpus.contains(source[start.lowerBound..<end.upperBound]))
    }
}

@Suite("Parsing other numbering styles")
struct NumberingStyleTests {
    func load(_ name: String) throws -> Document {
        let file = try #require(try CorpusLoader.files(in: Paths.fixtureCorpus).first { $0.path.hasSuffix(name) })
        return try CorpusLoader.load(file).document
    }

    @Test("Chương, Điều, Mục, Roman and dotted numbers nest by their rank")
    func legalStyle() throws {
        let document = try load("dieu-le-mau.txt")
        #expect(document.title == "Điều lệ mẫu")
        #expect(
            document.sections.map(\.number) == [
                "", "Chương I", "Điều 1", "Điều 2", "Chương II", "I", "1", "1.1", "1.1.1", "II", "Mục 1",
            ])
        #expect(document.sections.map(\.level) == [1, 1, 2, 2, 1, 2, 3, 4, 5, 2, 2])
        let titles = Dictionary(uniqueKeysWithValues: document.sections.map { ($0.number, $0.title) })
        #expect(titles["Chương I"] == "NHỮNG QUY ĐỊNH CHUNG")
        #expect(titles["Chương II"] == "TỔ CHỨC THỰC HIỆN")
        #expect(titles["Điều 2"] == "Đối tượng áp dụng")
        #expect(titles["1.1.1"] == "Bước một")
        #expect(document.section("1.1.1")?.text == "Làm ngay.")
        #expect(document.section("")?.text == "Lời nói đầu của văn bản.")
    }

    @Test("Wrapped lines join their paragraph; + and • are bullets; 'Điều 3 của…' is text")
    func blocks() throws {
        let document = try load("dieu-le-mau.txt")
        #expect(document.section("Điều 1")?.text == "Văn bản này quy định về sinh hoạt chi bộ.")
        #expect(document.section("Điều 2")?.blocks == [.bullet("Chi bộ cơ sở."), .bullet("Đảng viên.")])
        #expect(
            document.section("Mục 1")?.blocks == [
                .paragraph("Điều 3 của văn bản này là một câu thường, không phải tiêu đề.")
            ])
        #expect(document.section("Mục 1")?.parent == document.sections.firstIndex { $0.number == "Chương II" })
    }

    @Test("Markdown: a lone # is the title, ## are sections, lists are bullets, inline marks are dropped")
    func markdown() throws {
        let document = try load("huong-dan.md")
        #expect(document.title == "Hướng dẫn mẫu")
        #expect(document.slug == "huong-dan")
        #expect(document.sections.map(\.number) == ["", "1", "2", "2.1", "3"])
        #expect(document.sections.map(\.title) == ["Giới thiệu", "Chuẩn bị", "Thực hiện", "Bước đầu", "Kết thúc"])
        #expect(document.sections.map(\.level) == [1, 1, 1, 2, 1])
        #expect(document.section("")?.text == "Đoạn mở đầu với chữ đậm và liên kết.")
        #expect(document.section("1")?.blocks == [.bullet("Việc một"), .bullet("Việc hai"), .bullet("Việc ba")])
        #expect(document.section("2.1")?.text == "Nội dung tiếp tục dòng.")
    }

    @Test("A BOM, CRLF line ends and NFD text parse like clean NFC")
    func messyInput() throws {
        let clean = "1. Đối với sinh hoạt định kỳ\n\n1.1. Phần mở đầu\n\n– Cử thư ký.\n"
        let messy = "\u{FEFF}" + clean.decomposedStringWithCanonicalMapping.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try DocumentParser.parse(clean, slug: "a", path: "a.txt", format: .plainText)
        let b = try DocumentParser.parse(messy, slug: "a", path: "a.txt", format: .plainText)
        #expect(a.sections == b.sections)
        #expect(b.section("1.1")?.blocks == [.bullet("Cử thư ký.")])
    }

    @Test("Lines split at LF as utf8.split does, empty lines and a last line without LF kept")
    func lines() {
        var numbers = SeededNumbers(state: 11)
        let pieces = ["\n", "\n", "a", "Đảng", "ho\u{0300}a", " ", "–", "\u{0301}", "𝐀", "x y"]
        var texts = ["", "\n", "\n\n", "a", "a\n", "\na", "x\nyz\n\nw"]
        for _ in 0..<200 {
            texts.append((0..<numbers.next(12)).map { _ in pieces[numbers.next(pieces.count)] }.joined())
        }
        for text in texts {
            let expected = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
            #expect(DocumentParser.lines(of: text) == expected, "\(text.debugDescription)")
        }
    }

    @Test(
        "A line of only dashes, stars or dots is decoration; a letter or a digit anywhere is text",
        arguments: [
            ("—–", true), ("* * *", true), ("……", true), ("", true), ("a", false), ("– Đảng", false),
            ("ạ", false), ("—— 12 ——", false), ("①", false), ("* * Ư", false),
        ])
    func decoration(line: String, decoration: Bool) {
        #expect(DocumentParser.isDecoration(line) == decoration)
    }

    @Test(
        "Numbered headings: one to three digits a group, the dot after the last optional past one group",
        arguments: [
            ("1. Mục", "1", 5), ("1.2. Mục", "1.2", 6), ("1.2 Mục", "1.2", 6), ("12.3.456. Mục", "12.3.456", 7),
            ("3. Đảng viên", "3", 5), ("4.1. Ủy ban", "4.1", 6), ("5.  Hai dấu cách", "5", 5),
        ])
    func numberedHeadings(line: String, number: String, rank: Int) throws {
        let heading = try #require(Heading.plain(line))
        #expect(heading.number == number && heading.rank == rank)
        #expect(heading.title == String(line.drop { $0 != " " }).trimmingWhitespace())
    }

    @Test(
        "A single number needs its dot, and headings start with a capital",
        arguments: [
            "2024 là năm bầu cử.", "1. bắt đầu bằng chữ thường", "1.2.3x không phải số", "1..2. Hai dấu chấm",
            "1234. Bốn chữ số", ".1. Dấu chấm trước", "1.2.. Hai dấu chấm cuối", "1.a. Chữ trong số", "1. – Gạch đầu",
            "1. đảng viên",
        ])
    func notHeadings(line: String) throws {
        let document = try DocumentParser.parse(
            "Mở đầu\n\n1. Mục\n\n\(line)", slug: "x", path: "x.txt", format: .plainText)
        #expect(document.sections.map(\.number) == ["1"])
        #expect(document.sections[0].text == line)
    }
}

@Suite("Bad input")
struct BadInputTests {
    @Test("Invalid UTF-8 is reported with its file and line")
    func invalidUTF8() throws {
        let dir = TemporaryDirectory()
        var bytes = Array("1. Mục\n\nDòng hai\n".utf8)
        bytes += [0x43, 0xE9, 0x6E, 0x67, 0x0A]  // Latin-1 "Céng": a legacy encoding
        try dir.write("cu.txt", Data(bytes))
        let file = try CorpusLoader.files(in: dir.path)[0]
        #expect(throws: CorpusError.invalidUTF8(path: dir.path + "/cu.txt", line: 4)) { try CorpusLoader.load(file) }
    }

    @Test("A binary file is reported by name")
    func binary() throws {
        let dir = TemporaryDirectory()
        try dir.write("anh.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
        let file = try CorpusLoader.files(in: dir.path)[0]
        #expect(throws: CorpusError.binary(path: dir.path + "/anh.txt")) { try CorpusLoader.load(file) }
    }

    @Test("Front matter without a colon or without its closing line names the line")
    func frontMatter() {
        #expect(
            throws: CorpusError.badFrontMatter(path: "a.md", line: 3, reason: "thiếu dấu \":\" giữa tên và giá trị")
        ) {
            try DocumentParser.parse(
                "---\ntitle: A\nkhông có dấu hai chấm\n---\n# A", slug: "a", path: "a.md", format: .markdown)
        }
        #expect(throws: CorpusError.badFrontMatter(path: "a.md", line: 1, reason: "không có dòng \"---\" đóng")) {
            try DocumentParser.parse("---\ntitle: A\n", slug: "a", path: "a.md", format: .markdown)
        }
    }

    @Test("An empty file, a missing folder and a folder without material are errors")
    func emptiness() throws {
        #expect(throws: CorpusError.noSections(path: "e.txt")) {
            try DocumentParser.parse("\n\n—–\n", slug: "e", path: "e.txt", format: .plainText)
        }
        #expect(throws: CorpusError.notFound(path: "/khong/co")) { try CorpusLoader.files(in: "/khong/co") }
        let dir = TemporaryDirectory()
        try dir.write("README.md", "# not material")
        try dir.write("anh.png", "x")
        #expect(throws: CorpusError.empty(directory: dir.path)) { try CorpusLoader.files(in: dir.path) }
    }

    @Test("Every error message is Vietnamese and names the file")
    func messages() {
        let errors: [CorpusError] = [
            .invalidUTF8(path: "a.txt", line: 3), .binary(path: "b.txt"), .noSections(path: "c.txt"),
            .unreadable(path: "d.txt", reason: "x"), .badFrontMatter(path: "e.md", line: 2, reason: "y"),
        ]
        for error in errors {
            #expect(error.message.hasPrefix(error.path))
        }
        #expect(CorpusError.invalidUTF8(path: "a.txt", line: 3).message.hasPrefix("a.txt:3: "))
    }
}
