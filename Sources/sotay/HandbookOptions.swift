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
        Handbook(database: try openFresh(resolve(db)), readingTime: ReadingTime(rate: rate))
    }

    static func resolve(_ option: String?) -> String {
        if let option, !option.isEmpty { return option }
        if let env = Environment.value("SOTAY_DB"), !env.isEmpty { return env }
        return defaultPath
    }

    /// Opens the index at `path`, building it from ./corpus first when it is missing, written
    /// by another version of sotay, or older than a file of ./corpus.
    ///
    /// An index built from another folder (`sotay index /data/lib --db lib.sqlite`) is never
    /// rebuilt from ./corpus: that would replace a library with the handbook beside it. A stale
    /// index that cannot be rebuilt (a read-only folder) is still used, with a warning.
    static func openFresh(_ path: String) throws -> HandbookDatabase {
        let fm = FileManager.default
        guard fm.fileExists(atPath: defaultCorpus) else { return try HandbookDatabase.open(path: path) }
        guard fm.fileExists(atPath: path) else {
            Terminal.printError("Chưa có chỉ mục; đang lập chỉ mục từ ./corpus vào \(path)…")
            try IndexBuilder.build(corpus: defaultCorpus, to: path)
            return try HandbookDatabase.open(path: path)
        }
        let corpus = CorpusLoader.canonicalPath(defaultCorpus)
        let database: HandbookDatabase
        do {
            database = try HandbookDatabase.open(path: path)
        } catch .outdated {
            if let recorded = HandbookDatabase.recordedCorpus(path: path), recorded != corpus {
                throw IndexError.outdated(path: path)
            }
            Terminal.printError("Chỉ mục \(path) được tạo bởi phiên bản khác; đang lập lại từ ./corpus…")
            try IndexBuilder.build(corpus: defaultCorpus, to: path, options: .init(full: true))
            return try HandbookDatabase.open(path: path)
        }
        // An index from before sotay recorded its corpus is taken to be of ./corpus, as it was.
        if let recorded = database.corpus, recorded != corpus { return database }
        guard let built = FileStatus.of(path)?.seconds, newestModification(in: defaultCorpus) > built else {
            return database
        }
        // The build itself finds whether a file changed: when only a folder's time moved (a
        // file added and removed, an editor's backup) it keeps the index, sets its time and
        // reports no progress, so the rebuild is announced only once one is under way.
        var rebuilding = false
        do {
            try IndexBuilder.build(corpus: defaultCorpus, to: path) { _ in
                guard !rebuilding else { return }
                rebuilding = true
                Terminal.printError("Tài liệu trong ./corpus đã thay đổi; đang lập lại chỉ mục \(path)…")
            }
        } catch {
            Terminal.printError("Cảnh báo: \(error.userMessage) Dùng chỉ mục cũ.")
            return database
        }
        return rebuilding ? try HandbookDatabase.open(path: path) : database
    }

    /// The newest modification time in the folder and its subfolders, as the index reads
    /// them (``DirectoryWalk``: hidden entries are tooling). A folder's own time counts, since
    /// adding, removing or renaming a file changes it; a symbolic link counts by its target's
    /// time and is not followed into, so a link back up the tree cannot loop.
    static func newestModification(in directory: String) -> Double {
        var newest = FileStatus.of(directory)?.seconds ?? 0
        DirectoryWalk.walk(directory) { relative, _ in
            // One system call per entry.
            newest = max(newest, FileStatus.of(directory + "/" + relative)?.seconds ?? 0)
        }
        return newest
    }
}
