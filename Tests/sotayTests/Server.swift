import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `sotay serve` process on a free port, and plain HTTP to it.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let url: String
    private let output: Pipe

    /// Starts `sotay serve --port 0` in `directory` and waits for the URL it prints.
    init(in directory: String, arguments: [String] = [], prefix: [String] = [], binary: String = CLI.binary) throws {
        output = Pipe()
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--port", "0"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [binary, "serve", "--port", "0"] + arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SOTAY_DB")
        process.environment = environment
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while !printed.contains("/  (Ctrl-C"), Date() < deadline, process.isRunning {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        guard let start = printed.range(of: "http://"), let end = printed[start.lowerBound...].range(of: "/ ") else {
            process.terminate()
            throw StartFailure(output: printed)
        }
        url = String(printed[start.lowerBound..<end.lowerBound])
        self.startupOutput = printed
    }

    private(set) var startupOutput = ""

    struct StartFailure: Error { var output: String }

    /// GETs a path; the status and the body.
    func get(_ path: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url + path)!)
        request.timeoutInterval = 20
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Stops the server as Ctrl-C would and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}
