import Hummingbird
import SoTayCore

/// The JSON API: the same shapes as the CLI's `--json`.
struct APIController: Sendable {
    let source: HandbookSource
    let views: ViewStore?

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("search", use: search)
        group.get("docs", use: documents)
        group.get("docs/{slug}", use: outline)
        group.get("docs/{slug}/sections/{number}", use: section)
        group.get("checklist", use: checklist)
    }

    @Sendable func search(_ request: Request, context: BasicRequestContext) throws -> Response {
        let limitText = request.query("limit") ?? "10"
        guard let limit = Int(limitText), (1...100).contains(limit) else {
            throw SiteError(status: .badRequest, message: "limit phải là số từ 1 đến 100 (đã nhập \(limitText))")
        }
        let query = try request.searchQuery()
        return try JSONResponse.make(
            SearchResponse(query: query.text, results: source.current().search(query, limit: limit)))
    }

    @Sendable func documents(_ request: Request, context: BasicRequestContext) throws -> Response {
        let counts = (try? views?.counts()) ?? [:]
        return try JSONResponse.make(
            source.current().documents().map {
                DocumentListing(
                    doc: $0.doc, title: $0.title, words: $0.words, readingMinutes: $0.readingMinutes,
                    views: counts[$0.doc] ?? 0)
            })
    }

    @Sendable func outline(_ request: Request, context: BasicRequestContext) throws -> Response {
        try JSONResponse.make(source.current().outline(context.parameters.require("slug")))
    }

    @Sendable func section(_ request: Request, context: BasicRequestContext) throws -> Response {
        let slug = try context.parameters.require("slug")
        let number = try context.parameters.require("number")
        return try JSONResponse.make(source.current().read(number.removingPercentEncoding ?? number, doc: slug))
    }

    @Sendable func checklist(_ request: Request, context: BasicRequestContext) throws -> Response {
        let procedure = try source.current().procedure()
        let asked = try ChecklistRequest(request, procedure: procedure, requireKind: true)
        guard let checklist = asked.checklist(from: procedure) else {
            throw SiteError(status: .badRequest, message: "Thiếu loại sinh hoạt (kind).")
        }
        return try JSONResponse.make(checklist)
    }
}
