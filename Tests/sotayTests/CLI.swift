import Foundation

/// Runs the built `sotay` binary in a working directory, as a user would from a shell.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits beside the test bundle in the build folder; `SOTAY_BIN` names another
    /// build to test end to end (CI runs these tests again against the release build).
    static let binary: String = {
        if let chosen = ProcessInfo.processInfo.environment["SOTAY_BIN"], !chosen.isEmpty { return chosen }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("sotay").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "sotay"
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let directory: String

    /// A fresh working directory holding a copy of the bundled corpus.
    init(withCorpus: Bool = true) throws {
        directory = NSTemporaryDirectory() + "sotay-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if withCorpus {
            try FileManager.default.copyItem(
                atPath: CLI.packageRoot.appendingPathComponent("corpus").path, toPath: directory + "/corpus")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Runs a shell command line under a pseudo-terminal (util-linux `script`), as from a terminal.
    func runInTerminal(_ command: String, environment: [String: String] = [:]) throws -> Result {
        try run(["-qec", command, "/dev/null"], environment: environment, executable: "/usr/bin/script")
    }

    @discardableResult
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Result {
        try run(arguments, environment: environment)
    }

    func run(_ arguments: [String], environment: [String: String] = [:], executable: String = CLI.binary) throws
        -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for key in ["SOTAY_DB", "NO_COLOR", "COLUMNS"] { env.removeValue(forKey: key) }
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The `sqlite3` shell on a database file: to look inside an index, or to spoil one on purpose.
    func sqlite3(_ database: String, _ sql: String) throws -> Result {
        try run(["sqlite3", database, sql], executable: "/usr/bin/env")
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: directory + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
