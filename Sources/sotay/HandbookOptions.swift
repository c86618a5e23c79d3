import ArgumentParser
import Foundation
import SoTayCore

/// Flags shared by every command that reads the handbook.
struct HandbookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Tệp chỉ mục.", valueName: "FILE"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Tốc độ đọc, số âm tiết mỗi phút.", valueName: "N"))
    var rate: Int = ReadingTime.defaultRate

    static let rates = 20...2000

    func validate() throws {
        guard Self.rates.contains(rate) else {
            throw ValidationError("--rate phải từ 20 đến 2000 âm tiết mỗi phút (đã nhập \(rate))")
        }
    }

    /// Opens the index, building it first from ./corpus when it is missing or older.
    func openHandbook() throws -> Handbook {
        try IndexLocation.openHandbook(db: db, rate: rate)
    }
}

/// Where the index lives, and keeping it in step with ./corpus.
enum IndexLocation {
    static let defaultPath = ".sotay/index.sqlite"
    static let defaultCorpus = "corpus"

    /// Opens the index named by `--db` (or its defaults), building it first when stale.
    static func openHandbook(db: String?, rate: Int) throws -> Handbook {
        let path = resolve(db)
        try refreshIfStale(path)
        return Handbook(database: try open(path), readingTime: ReadingTime(rate: rate))
    }

    static func resolve(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = ProcessInfo.processInfo.environment["SOTAY_DB"], !env.isEmpty { return env }
        return defaultPath
    }

    /// Builds the index when it is missing or older than a file of ./corpus. A stale index that
    /// cannot be rebuilt (a read-only folder) is still used, with a warning.
    static func refreshIfStale(_ path: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: defaultCorpus) else { return }
        let exists = fm.fileExists(atPath: path)
        if exists, let built = modified(path), newestModification(in: defaultCorpus) <= built { return }
        Terminal.printError(
            exists
                ? "Tài liệu trong ./corpus đã thay đổi; đang lập lại chỉ mục \(path)…"
                : "Chưa có chỉ mục; đang lập chỉ mục từ ./corpus vào \(path)…")
        do {
            try IndexBuilder.build(corpus: defaultCorpus, to: path)
        } catch {
            guard exists else { throw error }
            Terminal.printError("Cảnh báo: \(error.userMessage) Dùng chỉ mục cũ.")
        }
    }

    /// Opens the index; one written by another version of sotay is rebuilt from ./corpus first.
    static func open(_ path: String) throws -> HandbookDatabase {
        do {
            return try HandbookDatabase.open(path: path)
        } catch {
            guard case .outdated = error, FileManager.default.fileExists(atPath: defaultCorpus) else { throw error }
            Terminal.printError("Chỉ mục \(path) được tạo bởi phiên bản khác; đang lập lại từ ./corpus…")
            try IndexBuilder.build(corpus: defaultCorpus, to: path, options: .init(full: true))
            return try HandbookDatabase.open(path: path)
        }
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    static func newestModification(in directory: String) -> Date {
        var newest = modified(directory) ?? .distantPast
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            if let date = modified(directory + "/" + relative), date > newest { newest = date }
        }
        return newest
    }
}
