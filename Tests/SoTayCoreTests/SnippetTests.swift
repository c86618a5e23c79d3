import Testing

@testable import SoTayCore

@Suite("Snippets")
struct SnippetTests {
    @Test("The window with the most distinct query words wins, led in by a little context")
    func window() throws {
        let filler = (1...60).map { "từ\($0)" }.joined(separator: " ")
        let text = "Đảng viên mở đầu. \(filler)\nCử thư ký cuộc họp, đảng viên dự bị. \(filler) đảng viên cuối."
        let snippet = Snippet.make(from: text, query: try SearchQuery.parse("dang vien thu ky"))
        let rendered = snippet.rendered(open: "[", close: "]")
        // The middle window holds all four words; the first and last only two.
        #expect(rendered.hasPrefix("…từ58 từ59 từ60 Cử [thư ký] cuộc họp, [đảng viên] dự bị. từ1 "), "\(rendered)")
        #expect(rendered.hasSuffix(" …"))
        #expect(!rendered.contains("\n"))
        #expect(snippet.parts.filter(\.matched).map(\.text) == ["thư ký", "đảng viên"])
    }

    @Test("Among windows with as many query words, the one where they stand as typed wins")
    func together() throws {
        let filler = (1...40).map { "từ\($0)" }.joined(separator: " ")
        let text = "Báo cáo kết luận. \(filler) Được bảo lưu kết quả. \(filler)"
        let snippet = Snippet.make(from: text, query: try SearchQuery.parse("bao lu*"))
        #expect(
            snippet.parts.filter(\.matched).map(\.text) == ["bảo lưu"], "\(snippet.rendered(open: "[", close: "]"))")
    }

    @Test("The lead-in never pushes out the match that made the window best")
    func leadIn() throws {
        let before = (1...60).map { "a\($0)" }.joined(separator: " ")
        let between = (1...28).map { "b\($0)" }.joined(separator: " ")
        // Only the window from "Đảng" to "viên", exactly the snippet's length, holds both.
        let snippet = Snippet.make(
            from: "\(before) Đảng \(between) viên \(before)", query: try SearchQuery.parse("dang vien"))
        #expect(
            snippet.parts.filter(\.matched).map(\.text) == ["Đảng", "viên"],
            "\(snippet.rendered(open: "[", close: "]"))")
    }

    @Test("Prefixes mark every word they begin; short texts come whole")
    func prefixAndShortText() throws {
        let snippet = Snippet.make(from: "Nghị quyết và nghị định", query: try SearchQuery.parse("nghi*"))
        #expect(snippet.rendered(open: "[", close: "]") == "[Nghị] quyết và [nghị] định")
        #expect(Snippet.make(from: "— –", query: try SearchQuery.parse("x")).text == "— –")
    }
}
