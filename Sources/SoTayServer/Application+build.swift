import Foundation
public import Hummingbird
public import Logging
public import SoTayCore

/// What the server needs to know; the CLI's `serve` command conforms.
public protocol ServerArguments: Sendable {
    var host: String { get }
    var port: Int { get }
    /// The index file.
    var indexPath: String { get }
    /// The view-count file; nil to count no views.
    var viewsPath: String? { get }
    var readingRate: Int { get }
}

/// Builds the web handbook: the index, the view counts, the templates, the router.
///
/// - Parameter onRunning: called with the URL once the server is listening (port 0 picks a free port).
public func buildApplication(
    _ arguments: some ServerArguments, logger: Logger = Logger(label: "sotay"),
    onRunning: @escaping @Sendable (String) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let source = try HandbookSource(path: arguments.indexPath, readingTime: ReadingTime(rate: arguments.readingRate))
    var views: ViewStore?
    if let path = arguments.viewsPath {
        do {
            views = try ViewStore(path: path)
        } catch {
            logger.warning("Không mở được tệp đếm lượt xem \(path): \(error.message); không đếm lượt xem.")
        }
    }
    let router = try buildRouter(source: source, views: views, logger: logger)
    let host = arguments.host
    return Application(
        router: router,
        // Idle or slow clients are cut off so they cannot hold connections open.
        server: .http1(configuration: .init(idleTimeout: .seconds(30))),
        configuration: .init(address: .hostname(host, port: arguments.port), serverName: "sotay"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? arguments.port
            await onRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
        },
        logger: logger)
}

/// The routes of the web handbook and its JSON API.
public func buildRouter(source: HandbookSource, views: ViewStore?, logger: Logger) throws -> Router<BasicRequestContext>
{
    let templates = try Templates()
    let router = Router(context: BasicRequestContext.self)
    router.middlewares.add(RequestLogMiddleware())
    router.middlewares.add(ErrorPageMiddleware(templates: templates))
    router.middlewares.add(RequestLimitMiddleware())
    PagesController(source: source, views: views, templates: templates).addRoutes(to: router)
    APIController(source: source, views: views).addRoutes(to: router.group("api"))
    return router
}

extension Error {
    /// The user-facing message of any error the core throws.
    var message: String {
        (self as? any UserFacingError)?.message ?? "Lỗi không xác định"
    }
}
