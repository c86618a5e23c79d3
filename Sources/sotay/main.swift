import ArgumentParser
import Foundation
import SoTayCore

/// Calls the asynchronous `run()`: on the concrete type, overload resolution would pick the
/// synchronous one that every `AsyncParsableCommand` also has.
func runAsynchronously<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
    try await command.run()
}

// Exit codes: 0 success, 1 nothing found, 2 usage error (flags, query, ambiguous name),
// 3 the index or the corpus could not be used.
do {
    if let search = FastSearch(arguments: Array(CommandLine.arguments.dropFirst())) {
        try SoTay.Search.perform(
            query: search.query, limit: search.limit, json: search.json, db: search.db, rate: search.rate)
        exit(0)
    }
    var command = try SoTay.parseAsRoot()
    // A cast to the concrete type: a cast to `any AsyncParsableCommand` would scan every
    // protocol conformance in the binary, a measurable part of a search's start-up.
    if var serve = command as? SoTay.Serve {
        try await runAsynchronously(&serve)
    } else {
        try command.run()
    }
} catch let error as NothingFound {
    Terminal.printError(error.message)
    exit(1)
} catch let error as QueryError {
    Terminal.printError(error.message)
    exit(2)
} catch let error as LookupError {
    Terminal.printError(error.message)
    if case .ambiguous = error { exit(2) }
    exit(1)
} catch let error as any UserFacingError {
    Terminal.printError(error.message)
    exit(3)
} catch {
    let code = SoTay.exitCode(for: error)
    if code == .success {
        print(SoTay.fullMessage(for: error))
        exit(0)
    }
    if code == .validationFailure {
        Terminal.printError(ParserMessages.vietnamese(SoTay.fullMessage(for: error)))
        exit(2)
    }
    SoTay.exit(withError: error)
}

/// ArgumentParser writes its own errors in English; the phrases users meet are said in Vietnamese.
enum ParserMessages {
    static let phrases: [(String, String)] = [
        ("Error: ", "Lỗi: "),
        ("Missing expected argument", "Thiếu tham số"),
        ("Unknown option", "Không có tùy chọn"),
        ("Unexpected argument", "Tham số thừa"),
        ("Missing value for", "Thiếu giá trị cho"),
        ("is invalid for", "không hợp lệ cho"),
        ("The value", "Giá trị"),
        ("Usage: ", "Cách dùng: "),
        ("Help: ", "Trợ giúp: "),
        ("See '", "Xem '"),
        ("' for more information.", "' để biết thêm."),
    ]

    static func vietnamese(_ message: String) -> String {
        phrases.reduce(message) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}
