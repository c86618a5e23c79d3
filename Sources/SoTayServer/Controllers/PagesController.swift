import Foundation
import Hummingbird
import SoTayCore

/// The pages people read: home, search, documents, checklists.
struct PagesController: Sendable {
    let source: HandbookSource
    let views: ViewStore?
    let templates: Templates

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/", use: home)
        router.get("/search", use: search)
        router.get("/docs/{slug}", use: document)
        router.get("/checklist", use: checklist)
        router.get("/checklist.txt") { request, context in try download(request, format: .text) }
        router.get("/checklist.md") { request, context in try download(request, format: .markdown) }
    }

    @Sendable func home(_ request: Request, context: BasicRequestContext) throws -> Response {
        let counts = (try? views?.counts()) ?? [:]
        let documents = try source.current().documents().map { document -> [String: Any] in
            [
                "doc": document.doc, "title": document.title, "readingMinutes": document.readingMinutes,
                "views": counts[document.doc] ?? 0,
            ]
        }
        return HTMLResponse.make(try templates.render(["documents": documents], "home"))
    }

    @Sendable func search(_ request: Request, context: BasicRequestContext) throws -> Response {
        let text = request.query("q") ?? ""
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return HTMLResponse.make(
                try templates.render(
                    [
                        "query": "", "summary": "Hãy nhập từ cần tìm, ví dụ: cu thu ky, bao luu, Đảng viên dự bị.",
                        "results": [],
                    ],
                    "search"))
        }
        let query = try request.searchQuery()
        let handbook = source.current()
        let results = try handbook.search(query, limit: 20)
        // A link (shared, or typed without the search box) whose last word is half typed is
        // offered the search box's reading of it, as the CLI names `bao lu*`.
        let unfinished = results.isEmpty ? handbook.unfinished(text, searched: query) : nil
        let summary =
            results.isEmpty
            ? "Không tìm thấy mục nào cho “\(query.text)”. "
                + (unfinished == nil ? "Thử bớt từ hoặc gõ không dấu." : "Từ cuối chưa gõ hết?")
            : "\(results.count) kết quả cho “\(query.text)”"
        let note = query.truncated ? " " + SearchQuery.truncationNote : ""
        var context: [String: Any] = [
            "query": text, "summary": summary + note, "results": results.map(ViewModels.result),
        ]
        if unfinished != nil {
            let href =
                "/search?"
                + Self.encoded([URLQueryItem(name: "q", value: text), URLQueryItem(name: "partial", value: "1")])
            context["unfinished"] = ["href": href, "text": "\(query.text)…"]
        }
        return HTMLResponse.make(try templates.render(context, "search"))
    }

    @Sendable func document(_ request: Request, context: BasicRequestContext) throws -> Response {
        let slug = try context.parameters.require("slug")
        let handbook = source.current()
        let (document, trees) = try handbook.sections(of: slug)
        try? views?.record(document.doc)
        let sections = trees.flatMap(\.flattened)
        let entries = sections.map { section -> [String: Any] in
            [
                "anchor": ViewModels.anchor(section.section), "label": ViewModels.label(section.section, section.title),
                "level": section.level, "top": section.level == 1, "readingMinutes": section.readingMinutes,
                "groups": ViewModels.groups(section.text),
            ]
        }
        let context: [String: Any] = [
            "title": document.title, "readingMinutes": document.readingMinutes, "words": document.words,
            "views": (try? views?.count(document.doc)) ?? 0, "toc": entries, "sections": entries,
        ]
        return HTMLResponse.make(try templates.render(context, "document"))
    }

    @Sendable func checklist(_ request: Request, context: BasicRequestContext) throws -> Response {
        let procedure = try source.current().procedure()
        let asked = try ChecklistRequest(request, procedure: procedure, requireKind: false)
        let shownKind = asked.kind ?? procedure.kinds[0]
        var values: [String: Any] = [
            "kinds": procedure.kinds.map {
                ["id": $0.id, "title": $0.title, "selected": $0.id == asked.kind?.id] as [String: Any]
            },
            "phases": shownKind.phases.map {
                ["id": $0.phase, "title": $0.title, "selected": $0.phase == asked.phase?.phase] as [String: Any]
            },
            "chiBo": asked.chiBo ?? "", "date": asked.date ?? "", "hasChecklist": asked.kind != nil,
            "checklistHTML": "",
        ]
        if let checklist = asked.checklist(from: procedure) {
            values["checklistHTML"] = ChecklistHTML.body(checklist)
            let query = downloadQuery(asked)
            values["textURL"] = "/checklist.txt?" + query
            values["markdownURL"] = "/checklist.md?" + query
        }
        return HTMLResponse.make(try templates.render(values, "checklist"))
    }

    enum DownloadFormat { case text, markdown }

    func download(_ request: Request, format: DownloadFormat) throws -> Response {
        let procedure = try source.current().procedure()
        let asked = try ChecklistRequest(request, procedure: procedure, requireKind: true)
        guard let checklist = asked.checklist(from: procedure) else {
            throw SiteError(status: .badRequest, message: "Thiếu loại sinh hoạt (kind).")
        }
        let name = "danh-sach-\(checklist.kind)" + (asked.phase.map { "-\($0.phase)" } ?? "")
        switch format {
        case .text:
            return HTMLResponse.text(
                ChecklistText.render(checklist), contentType: "text/plain; charset=utf-8", filename: name + ".txt")
        case .markdown:
            return HTMLResponse.text(
                ChecklistMarkdown.render(checklist), contentType: "text/markdown; charset=utf-8", filename: name + ".md"
            )
        }
    }

    private func downloadQuery(_ asked: ChecklistRequest) -> String {
        var items: [URLQueryItem] = []
        if let kind = asked.kind { items.append(URLQueryItem(name: "kind", value: kind.id)) }
        if let phase = asked.phase { items.append(URLQueryItem(name: "phase", value: phase.phase)) }
        if let chiBo = asked.chiBo { items.append(URLQueryItem(name: "chi_bo", value: chiBo)) }
        if let date = asked.date { items.append(URLQueryItem(name: "date", value: date)) }
        return Self.encoded(items)
    }

    /// A query string. `URLComponents` leaves "+" as it is, which a query reads as a space.
    private static func encoded(_ items: [URLQueryItem]) -> String {
        var components = URLComponents()
        components.queryItems = items
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}
