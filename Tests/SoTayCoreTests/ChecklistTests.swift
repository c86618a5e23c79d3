import Foundation
import Testing

@testable import SoTayCore

/// Builds an index from the real procedure with `edit` applied to its text, and derives its procedure.
func procedure(editing edit: (String) -> String = { $0 }) throws -> Procedure {
    let dir = TemporaryDirectory()
    let text = try String(contentsOfFile: Paths.realDocument, encoding: .utf8)
    try dir.write("corpus/quy-trinh.txt", edit(text))
    try IndexBuilder.build(corpus: dir.path + "/corpus", to: dir.path + "/index.sqlite")
    return try Handbook(database: HandbookDatabase.open(path: dir.path + "/index.sqlite")).procedure()
}

@Suite("Checklists derived from the real procedure")
struct ChecklistDerivationTests {
    let real = try! procedure()

    func kind(_ id: String) throws -> MeetingKind { try #require(real.kinds.first { $0.id == id }) }

    @Test("Kinds are the level-1 sections, plus the combined meeting the intro names")
    func kinds() {
        #expect(real.kinds.map(\.id) == ["dinh-ky", "chuyen-de", "ket-hop"])
        #expect(
            real.kinds.map(\.title) == [
                "Sinh hoạt định kỳ", "Sinh hoạt chuyên đề", "Kết hợp sinh hoạt định kỳ với chuyên đề",
            ])
        #expect(real.kinds.map(\.source) == ["1", "2", "1, 2"])
    }

    @Test("Phases are the subsections, named from their titles")
    func phases() throws {
        for id in ["dinh-ky", "chuyen-de", "ket-hop"] {
            #expect(try kind(id).phases.map(\.phase) == ["mo-dau", "to-chuc-sinh-hoat", "ket-thuc"])
        }
        #expect(try kind("dinh-ky").phases.map(\.source) == ["1.1", "1.2", "1.3"])
    }

    @Test("Bullets are items; the lead-in names who acts; guidance paragraphs are notes")
    func items() throws {
        let regular = try kind("dinh-ky")
        let opening = regular.phases[0]
        #expect(opening.responsible == "Đồng chí chủ trì buổi sinh hoạt")
        #expect(opening.items.count == 4)
        #expect(opening.items.allSatisfy { $0.source == "1.1" })
        #expect(opening.items[0].text == "Giới thiệu đại biểu (nếu có).")
        #expect(!opening.items.contains { $0.text.hasSuffix(":") })
        let main = regular.phases[1]
        #expect(main.items.count == 3)
        #expect(main.notes.count == 1)
        #expect(main.notes[0].hasPrefix("Trong quá trình thảo luận"))
        let closing = regular.phases[2]
        #expect(closing.responsible == "Đồng chí chủ trì")
        #expect(closing.items.map(\.text).last == "Đồng chí chủ trì và thư ký ký vào biên bản cuộc họp.")
        #expect(closing.items.count == 6)
    }

    @Test("The attendance item asks for its figures as labelled blanks")
    func attendance() throws {
        let fields = try kind("dinh-ky").phases[0].items[1].fields
        #expect(
            fields.map(\.label) == [
                "Tổng số đảng viên", "Số đảng viên được miễn sinh hoạt, công tác", "Số đảng viên có mặt dự họp",
                "Số đảng viên vắng mặt", "Lý do vắng",
            ])
        #expect(fields.map(\.kind) == [.count, .count, .count, .count, .text])
        #expect(fields[0].parts == ["chính thức", "dự bị"])
        #expect(fields[3].note == "ghi rõ họ tên")
        #expect(try kind("dinh-ky").phases[0].items[0].fields.isEmpty)
    }

    @Test("A phase that refers to another gets its items, and says where they come from")
    func reference() throws {
        let opening = try kind("chuyen-de").phases[0]
        #expect(opening.source == "2.1")
        #expect(opening.reference == "như sinh hoạt định kỳ, mục 1.1")
        #expect(opening.items == (try kind("dinh-ky")).phases[0].items)
        #expect(opening.items.allSatisfy { $0.source == "1.1" })
    }

    @Test("A phase written as paragraphs becomes one item per sentence, brackets kept whole")
    func sentences() throws {
        let closing = try kind("chuyen-de").phases[2]
        #expect(
            closing.items.map(\.text) == [
                "Đồng chí chủ trì đánh giá việc chuẩn bị, chất lượng của chuyên đề; ý nghĩa, tác dụng của chuyên đề đối với chi bộ, đảng viên.",
                "Kết luận các nội dung cần tiếp thu để bổ sung, hoàn thiện dự thảo chuyên đề.",
                "Chuyên đề sau khi hoàn thiện được gửi cho đảng viên (chi bộ đông đảng viên có thể gửi tổ đảng) để học tập, thực hiện và báo cáo cấp ủy cấp trên trực tiếp (thể hiện trong báo cáo tháng của chi bộ).",
            ])
        #expect(closing.responsible == nil)
    }

    @Test("The combined meeting: one opening, regular then thematic main items, both closings")
    func combined() throws {
        let combined = try kind("ket-hop")
        #expect(combined.phases[0].items == (try kind("dinh-ky")).phases[0].items)
        #expect(combined.phases[1].items.map(\.source) == ["1.2", "1.2", "1.2", "2.2", "2.2", "2.2", "2.2"])
        #expect(combined.phases[1].notes.count == 1)
        #expect(
            combined.phases[2].items.map(\.source) == ["1.3", "1.3", "1.3", "1.3", "1.3", "1.3", "2.3", "2.3", "2.3"])
        #expect(combined.phases[2].source == "1.3, 2.3")
    }
}

@Suite("Checklists follow the material")
struct ChecklistFollowsMaterialTests {
    @Test("An extra bullet gives an extra item")
    func extraBullet() throws {
        let edited = try procedure {
            $0.replacingOccurrences(
                of: "– Giới thiệu đại biểu (nếu có).", with: "– Giới thiệu đại biểu (nếu có).\n\n– Hát Quốc ca.")
        }
        let opening = edited.kinds[0].phases[0]
        #expect(opening.items.count == 5)
        #expect(opening.items[1].text == "Hát Quốc ca.")
        // The thematic opening refers to it, so it follows too.
        #expect(edited.kinds[1].phases[0].items.count == 5)
    }

    @Test("A renamed phase gets the new name and id")
    func renamedPhase() throws {
        let edited = try procedure { $0.replacingOccurrences(of: "1.3. Phần kết thúc", with: "1.3. Phần bế mạc") }
        #expect(edited.kinds[0].phases.map(\.phase) == ["mo-dau", "to-chuc-sinh-hoat", "be-mac"])
        #expect(edited.kinds[0].phases[2].title == "Phần bế mạc")
        #expect(edited.kinds[2].phases.map(\.phase) == ["mo-dau", "to-chuc-sinh-hoat", "be-mac", "ket-thuc"])
    }

    @Test("A changed reference is followed to its new target")
    func changedReference() throws {
        let edited = try procedure {
            $0.replacingOccurrences(
                of: "2.1. Phần mở đầu: Thực hiện như sinh hoạt định kỳ.", with: "2.1. Phần mở đầu\n\n– Chào cờ."
            )
            .replacingOccurrences(
                of: "2.3. Phần kết thúc\n\nĐồng chí chủ trì đánh giá việc chuẩn bị",
                with:
                    "2.3. Phần kết thúc: Thực hiện như sinh hoạt định kỳ.\n\n2.4. Phần phụ\n\nĐồng chí chủ trì đánh giá việc chuẩn bị"
            )
        }
        let thematic = edited.kinds[1]
        #expect(thematic.phases[0].items.map(\.text) == ["Chào cờ."])
        #expect(thematic.phases[0].reference == nil)
        #expect(thematic.phases[2].reference == "như sinh hoạt định kỳ, mục 1.3")
        #expect(thematic.phases[2].items == edited.kinds[0].phases[2].items)
        // The combined closing prints the items both kinds share once.
        #expect(edited.kinds[2].phases[2].items == edited.kinds[0].phases[2].items)
    }

    @Test("Without the intro's mention there is no combined meeting")
    func noCombined() throws {
        let edited = try procedure {
            $0.replacingOccurrences(of: " hay kết hợp sinh hoạt định kỳ với chuyên đề", with: "")
        }
        #expect(edited.kinds.map(\.id) == ["dinh-ky", "chuyen-de"])
    }

    @Test("A document is a procedure because its metadata says so, not because of its name")
    func procedureByMetadata() throws {
        #expect(throws: ChecklistError.noProcedure) {
            try procedure { $0.replacingOccurrences(of: "kind: procedure\n", with: "") }
        }
    }
}

@Suite("Choosing a kind and a phase")
struct ChecklistSelectorTests {
    let real = try! procedure()

    @Test(
        "Every accepted spelling of a kind",
        arguments: [
            ("dinh-ky", "dinh-ky"), ("định kỳ", "dinh-ky"), ("ĐỊNH KỲ", "dinh-ky"), ("dinh ky", "dinh-ky"),
            ("1", "dinh-ky"),
            ("dinh", "dinh-ky"), ("Sinh hoạt định kỳ", "dinh-ky"), ("chuyen", "chuyen-de"), ("chuyên đề", "chuyen-de"),
            ("2", "chuyen-de"), ("ket-hop", "ket-hop"), ("kết hợp", "ket-hop"), ("ket", "ket-hop"),
        ])
    func kinds(input: String, id: String) throws {
        #expect(try ChecklistSelector.kind(input, in: real).id == id)
    }

    @Test(
        "Every accepted spelling of a phase",
        arguments: [
            ("mo-dau", "mo-dau"), ("mở đầu", "mo-dau"), ("mo", "mo-dau"), ("1.1", "mo-dau"), ("1", "mo-dau"),
            ("phan mo dau", "mo-dau"), ("Phần mở đầu", "mo-dau"), ("to-chuc", "to-chuc-sinh-hoat"),
            ("to chuc", "to-chuc-sinh-hoat"),
            ("1.2", "to-chuc-sinh-hoat"), ("ket", "ket-thuc"), ("kết thúc", "ket-thuc"), ("1.3", "ket-thuc"),
            ("3", "ket-thuc"),
        ])
    func phases(input: String, id: String) throws {
        let regular = try ChecklistSelector.kind("dinh-ky", in: real)
        #expect(try ChecklistSelector.phase(input, of: regular).phase == id)
    }

    @Test("Unknown and ambiguous names are errors that list the valid choices")
    func errors() throws {
        #expect(throws: ChecklistError.unknownKind("hop chi uy", choices: ["dinh-ky", "chuyen-de", "ket-hop"])) {
            try ChecklistSelector.kind("hop chi uy", in: real)
        }
        #expect(throws: ChecklistError.ambiguousKind("sinh", matches: ["dinh-ky", "chuyen-de"])) {
            try ChecklistSelector.kind("sinh", in: real)
        }
        let regular = try ChecklistSelector.kind("dinh-ky", in: real)
        #expect(
            throws: ChecklistError.ambiguousPhase(
                "phan", kind: "dinh-ky", matches: ["mo-dau", "to-chuc-sinh-hoat", "ket-thuc"])
        ) {
            try ChecklistSelector.phase("phan", of: regular)
        }
        #expect(
            throws: ChecklistError.unknownPhase(
                "2.1", kind: "dinh-ky", choices: ["mo-dau", "to-chuc-sinh-hoat", "ket-thuc"])
        ) {
            try ChecklistSelector.phase("2.1", of: regular)
        }
        #expect(ChecklistError.unknownKind("x", choices: ["dinh-ky"]).message.contains("dinh-ky"))
    }
}

@Suite("Checklist text pieces")
struct ChecklistPieceTests {
    @Test(
        "Sentences split at full stops, not inside brackets or after abbreviations",
        arguments: [
            ("Một. Hai.", ["Một.", "Hai."]),
            ("Gửi (xem mục 1. Tổng quát) cho chi bộ. Xong.", ["Gửi (xem mục 1. Tổng quát) cho chi bộ.", "Xong."]),
            ("Họp tại TP. Hồ Chí Minh. Xong.", ["Họp tại TP. Hồ Chí Minh.", "Xong."]),
            ("Đồng chí Nguyễn V. An chủ trì. Xong.", ["Đồng chí Nguyễn V. An chủ trì.", "Xong."]),
            ("Báo cáo, tổng kết, v.v. Sau đó.", ["Báo cáo, tổng kết, v.v. Sau đó."]),
            ("Số liệu 3.5 triệu. Xong!", ["Số liệu 3.5 triệu.", "Xong!"]),
        ])
    func sentences(text: String, expected: [String]) {
        #expect(Sentences.split(text) == expected)
    }

    @Test("A colon in prose is not a form to fill in")
    func proseColon() {
        #expect(
            FieldExtractor.fields(in: "Đánh giá chất lượng buổi sinh hoạt: Căn cứ Khung tiêu chí đánh giá.").isEmpty)
        #expect(FieldExtractor.fields(in: "Báo cáo: số lượng; chất lượng.").isEmpty)
    }

    @Test("HTML output escapes every value and has no external assets")
    func htmlEscaping() throws {
        let real = try procedure()
        var checklist = real.checklist(
            kind: real.kinds[0], chiBo: "<script>alert('x')</script> & \"Khối\"", date: "<b>")
        checklist.phases[0].items[0].text = "Điều <i>1</i> & 2"
        let html = ChecklistHTML.page(checklist)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Khối&quot;"))
        #expect(html.contains("Điều &lt;i&gt;1&lt;/i&gt; &amp; 2"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("http"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.components(separatedBy: "class=\"phase\"").count == 4)
    }
}
