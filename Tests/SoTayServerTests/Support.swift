import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SoTayCore

@testable import SoTayServer

/// A handbook site over a fresh index of the bundled corpus, in a temporary folder.
final class TestSite: Sendable {
    let directory: String
    let index: String
    let corpus: String

    init(extraFiles: [String: String] = [:]) throws {
        directory = NSTemporaryDirectory() + "sotay-server-" + UUID().uuidString
        corpus = directory + "/corpus"
        index = directory + "/index.sqlite"
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("corpus").path, toPath: corpus)
        for (name, text) in extraFiles {
            try text.write(toFile: corpus + "/" + name, atomically: true, encoding: .utf8)
        }
        try IndexBuilder.build(corpus: corpus, to: index)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func source() throws -> HandbookSource { try HandbookSource(path: index) }

    func views() throws -> ViewStore { try ViewStore(path: directory + "/views.sqlite") }

    /// One GET to a fresh application, its response handed to `check`.
    func get(_ uri: String, _ check: @escaping @Sendable (TestResponse) async throws -> Void) async throws {
        try await application().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { try await check($0) }
        }
    }

    /// The application with the in-process test client.
    func application(views: ViewStore? = nil) throws -> some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let router = try buildRouter(source: source(), views: views ?? self.views(), logger: logger)
        return Application(router: router, logger: logger)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}
