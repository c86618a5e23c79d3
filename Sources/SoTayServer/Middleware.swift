import Foundation
import Hummingbird
import Logging
import SoTayCore

/// One log line per request: method, path, status, time. The query is left out of the log:
/// what members search for is their own business.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start, context)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, status: status, since: start, context)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, _ context: Context) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info("\(request.method) \(request.uri.path) \(status) \(String(format: "%.1f", ms))ms")
    }
}

/// Refuses requests the handbook never needs: long URLs and bodies.
struct RequestLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    static let maximumURILength = 4096

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.description.utf8.count <= Self.maximumURILength else {
            throw SiteError(status: .uriTooLong, message: "Địa chỉ quá dài.")
        }
        guard request.method == .get || request.method == .head else {
            throw SiteError(status: .methodNotAllowed, message: "Sổ tay chỉ cho phép đọc (GET).")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > 0 {
            throw SiteError(status: .contentTooLarge, message: "Yêu cầu không được có nội dung.")
        }
        return try await next(request, context)
    }
}

/// An error shown to a visitor: a status and a Vietnamese message, nothing else.
struct SiteError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: message)))
    }
}

/// Turns every failure into a Vietnamese page (or JSON under /api) with the right status;
/// never a stack trace or an SQLite message.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let templates: Templates

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let (status, message) = Self.describe(error)
            if status == .internalServerError {
                context.logger.error("\(request.uri.path): \(String(describing: error))")
            }
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" {
                return try JSONResponse.make(APIError(error: message, status: status.code), status: status)
            }
            let heading =
                status == .notFound
                ? "Không tìm thấy trang" : status.code < 500 ? "Yêu cầu không hợp lệ" : "Có lỗi xảy ra"
            let html = try templates.render(["heading": heading, "message": message], "error")
            return Response(
                status: status, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as SiteError:
            return (error.status, error.message)
        case QueryError.empty:
            return (.badRequest, "Hãy nhập từ cần tìm (tham số q), ví dụ: cu thu ky")
        case let error as QueryError:
            return (.badRequest, error.message)
        case let error as ChecklistError:
            return (error == .noProcedure ? .notFound : .badRequest, error.message)
        case let error as LookupError:
            if case .ambiguous = error { return (.badRequest, error.message) }
            return (.notFound, error.message)
        case let error as any HTTPResponseError where error.status == .notFound:
            return (.notFound, "Không có trang này trong sổ tay.")
        case let error as any HTTPResponseError where error.status.code < 500:
            return (error.status, "Yêu cầu không hợp lệ.")
        case let error as IndexError:
            return (.serviceUnavailable, error.message)
        default:
            return (.internalServerError, "Máy chủ gặp lỗi khi xử lý yêu cầu; hãy thử lại.")
        }
    }
}

struct APIError: Codable {
    var error: String
    var status: Int
}

enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

enum HTMLResponse {
    static func make(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func text(_ text: String, contentType: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
