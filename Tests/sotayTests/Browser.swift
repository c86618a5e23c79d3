import Foundation

/// Headless Chromium and poppler, for checking what a page looks like when printed.
/// `.ci/run` installs them (Debian's `chromium` and `poppler-utils`).
enum Browser {
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    static let chromium = find(["chromium", "chromium-browser", "google-chrome"])
    static let pdfinfo = find(["pdfinfo"])
    static let pdftotext = find(["pdftotext"])

    /// CI sets SOTAY_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.
    static var available: Bool {
        chromium != nil && pdfinfo != nil && pdftotext != nil
            || ProcessInfo.processInfo.environment["SOTAY_REQUIRE_BROWSER"] == "1"
    }

    /// Runs a program to completion and returns its standard output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints a page (a file or a URL) to PDF with headless Chromium.
    static func printToPDF(_ url: String, to pdf: String) throws {
        let profile = NSTemporaryDirectory() + "sotay-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        try run(
            chromium ?? "chromium",
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", url,
            ])
    }

    /// The DOM after the page's scripts ran.
    static func dumpDOM(_ url: String, waitMilliseconds: Int = 0) throws -> String {
        let profile = NSTemporaryDirectory() + "sotay-chromium-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        var arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
        ]
        if waitMilliseconds > 0 { arguments.append("--virtual-time-budget=\(waitMilliseconds)") }
        return try run(chromium ?? "chromium", arguments + ["--dump-dom", url])
    }

    static func pages(_ pdf: String) throws -> Int? {
        let info = try run(pdfinfo ?? "pdfinfo", [pdf])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        return line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }

    static func text(_ pdf: String) throws -> String {
        try run(pdftotext ?? "pdftotext", ["-layout", pdf, "-"])
    }
}
