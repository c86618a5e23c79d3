import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("Building the index")
struct IndexBuilderTests {
    /// A corpus folder with the real procedure and the two fixtures.
    func corpus() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        try dir.copy(from: Paths.corpus)
        try dir.copy(from: Paths.fixtureCorpus)
        return dir
    }

    /// The corpus folder, the folder of the index, and the index built from it.
    func built() throws -> (corpus: TemporaryDirectory, out: TemporaryDirectory, index: String) {
        let dir = try corpus()
        let out = TemporaryDirectory()
        try IndexBuilder.build(corpus: dir.path, to: out.path + "/index.sqlite")
        return (dir, out, out.path + "/index.sqlite")
    }

    func documents(_ path: String) throws -> [String] {
        try Handbook(database: HandbookDatabase.open(path: path)).documents().map(\.doc)
    }

    @Test("The finished index is one self-contained file that opens read-only")
    func selfContained() throws {
        let dir = try corpus()
        let out = TemporaryDirectory()
        let path = out.path + "/index.sqlite"
        let report = try IndexBuilder.build(corpus: dir.path, to: path)
        #expect(report.documents == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["index.sqlite"])
        let queue = try DatabaseQueue(path: path, configuration: HandbookDatabase.configuration(readonly: true))
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        #expect(try documents(path) == ["dieu-le-mau", "huong-dan", "quy-trinh-sinh-hoat-chi-bo"])
    }

    @Test("A full build hands over a compact file, with FTS5's merging as usual for the builds after it")
    func compact() throws {
        let (corpus, out, index) = try built()
        defer { withExtendedLifetime(corpus) {} }
        let queue = try DatabaseQueue(path: index, configuration: HandbookDatabase.configuration(readonly: true))
        try queue.read { db in
            let free = try #require(try Int.fetchOne(db, sql: "PRAGMA freelist_count"))
            let pages = try #require(try Int.fetchOne(db, sql: "PRAGMA page_count"))
            #expect(free * 20 <= pages, "\(free) of \(pages) pages free")
            let config = try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT k, v FROM section_fts_config").map {
                    ($0[0] as String, $0[1] as DatabaseValue)
                })
            #expect(config["automerge"] == 4.databaseValue && config["crisismerge"] == 16.databaseValue)
            // The build's larger pending hash is not left to the incremental builds after it.
            #expect(config["hashsize"] == (1 << 20).databaseValue)
        }
        withExtendedLifetime(out) {}
    }

    @Test("A bad file keeps the previous index, and the error names every bad file and line")
    func badFileKeepsOldIndex() throws {
        let (dir, out, path) = try built()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try dir.write("moi.txt", "1. Mục mới\n\nNội dung mới về kỷ luật.\n")
        try dir.write("tcvn3.txt", Data([0x31, 0x2E, 0x20, 0x43, 0xE9, 0x6E, 0x67, 0x0A]))
        try dir.write("anh.txt", Data([0x00, 0x01, 0x02]))
        #expect {
            try IndexBuilder.build(corpus: dir.path, to: path)
        } throws: { error in
            guard case IndexError.corpus(let errors) = error else { return false }
            return Set(errors) == [
                .invalidUTF8(path: dir.path + "/tcvn3.txt", line: 1), .binary(path: dir.path + "/anh.txt"),
            ]
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["index.sqlite"])
        let handbook = Handbook(database: try HandbookDatabase.open(path: path))
        #expect(try handbook.search(SearchQuery.parse("cu thu ky")).first?.section == "1.1")
        #expect(try handbook.search(SearchQuery.parse("ky luat")).isEmpty)
    }

    @Test("With skipInvalid the good files are indexed and each bad one is still reported")
    func skipInvalid() throws {
        let dir = try corpus()
        try dir.write("tcvn3.txt", Data([0x43, 0xE9, 0x6E, 0x67]))
        let out = TemporaryDirectory()
        let report = try IndexBuilder.build(
            corpus: dir.path, to: out.path + "/i.sqlite", options: .init(skipInvalid: true))
        #expect(report.documents == 3)
        #expect(report.skipped == [.invalidUTF8(path: dir.path + "/tcvn3.txt", line: 1)])
    }

    @Test("A rebuild re-indexes only what changed, and forgets removed documents")
    func incremental() throws {
        let fixture = try built()
        let (dir, path) = (fixture.corpus, fixture.index)
        try dir.write("huong-dan.md", "# Hướng dẫn mẫu\n\n## Kỷ luật\n\nNội dung về kỷ luật đảng viên.\n")
        try FileManager.default.removeItem(atPath: dir.path + "/dieu-le-mau.txt")
        let report = try IndexBuilder.build(corpus: dir.path, to: path)
        #expect(report.unchanged == 1)
        #expect(report.removed == 1)
        #expect(report.documents == 2)
        let handbook = Handbook(database: try HandbookDatabase.open(path: path))
        #expect(try handbook.search(SearchQuery.parse("ky luat")).map(\.doc) == ["huong-dan"])
        #expect(try handbook.search(SearchQuery.parse("viec mot")).isEmpty)
        #expect(try handbook.search(SearchQuery.parse("pham vi dieu chinh")).isEmpty)
        #expect(try handbook.search(SearchQuery.parse("cu thu ky")).first?.section == "1.1")
        // A full rebuild gives the same answers.
        let full = try IndexBuilder.build(corpus: dir.path, to: path, options: .init(full: true))
        #expect(full.unchanged == 0)
        #expect(try documents(path) == ["huong-dan", "quy-trinh-sinh-hoat-chi-bo"])
    }

    @Test("The same corpus named by another path is the same corpus: nothing to re-index")
    func anotherPath() throws {
        let fixture = try built()
        // The corpus is named "/tmp/x/corpus" for the first build, "/tmp/x/./corpus" now.
        let parent = (fixture.corpus.path as NSString).deletingLastPathComponent
        let name = (fixture.corpus.path as NSString).lastPathComponent
        let report = try IndexBuilder.build(corpus: parent + "/./" + name, to: fixture.index)
        #expect(report.documents == 3)
        #expect(report.unchanged == 3)
        #expect(report.removed == 0)
        // The index records its corpus once, canonically.
        let corpus = try HandbookDatabase.open(path: fixture.index).corpus
        #expect(corpus == CorpusLoader.canonicalPath(fixture.corpus.path))
        #expect(corpus?.contains("/./") == false)
        #expect(try documents(fixture.index) == ["dieu-le-mau", "huong-dan", "quy-trinh-sinh-hoat-chi-bo"])
        let handbook = Handbook(database: try HandbookDatabase.open(path: fixture.index))
        #expect(try handbook.search(SearchQuery.parse("cu thu ky")).first?.section == "1.1")
    }

    @Test("A document recorded under a path that no longer resolves is found by its slug, not added twice")
    func unresolvablePath() throws {
        let fixture = try built()
        // As an older version recorded paths: relative, from a folder that is not the current one.
        let queue = try DatabaseQueue(
            path: fixture.index, configuration: HandbookDatabase.configuration(readonly: false))
        try queue.write { db in
            try db.execute(sql: "UPDATE document SET path = 'thu-muc-khac/' || slug || '.txt'")
        }
        try queue.close()
        let report = try IndexBuilder.build(corpus: fixture.corpus.path, to: fixture.index)
        #expect(report.documents == 3)
        #expect(report.removed == 0)
        #expect(try documents(fixture.index) == ["dieu-le-mau", "huong-dan", "quy-trinh-sinh-hoat-chi-bo"])
    }

    @Test("Rebuilds go by size and modification time, then by content")
    func stamps() throws {
        let fixture = try built()
        let (dir, path) = (fixture.corpus, fixture.index)
        // Touched but not changed: read, found identical, still unchanged.
        let file = dir.path + "/huong-dan.md"
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: file)
        #expect(try IndexBuilder.build(corpus: dir.path, to: path).unchanged == 3)
        // Same size, other bytes, later time: re-indexed.
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "Việc một", with: "Việc mốt")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(120)], ofItemAtPath: file)
        let report = try IndexBuilder.build(corpus: dir.path, to: path)
        #expect(report.unchanged == 2)
        let handbook = Handbook(database: try HandbookDatabase.open(path: path))
        #expect(try handbook.search(SearchQuery.parse("việc mốt")).first?.doc == "huong-dan")
    }

    @Test("Nothing changed: the index is kept as it is, not written again, and marked as checked")
    func nothingChanged() throws {
        let (dir, out, path) = try built()
        let before = try #require(FileStatus.ofEntry(path)).status
        var info = stat()
        #expect(stat(path, &info) == 0)
        let inode = info.st_ino
        // The index's time set back, as if the corpus had moved on since (a folder's time).
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        // No progress either: the CLI's search announces a rebuild at the first.
        var steps = 0
        let report = try IndexBuilder.build(corpus: dir.path, to: path) { _ in steps += 1 }
        #expect(report.documents == 3 && report.unchanged == 3 && report.removed == 0)
        #expect(steps == 0)
        let queue = try DatabaseQueue(path: path, configuration: HandbookDatabase.configuration(readonly: true))
        #expect(try report.sections == queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM section") })
        try queue.close()
        #expect(stat(path, &info) == 0)
        #expect(info.st_ino == inode, "the same file, not a copy renamed over it")
        #expect(info.st_mtim.tv_sec > 1_000_000_000, "the time says the index was checked now")
        #expect(try #require(FileStatus.ofEntry(path)).status.size == before.size)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["index.sqlite"])
        // A file skipped as invalid is not "unchanged": it is reported again.
        try dir.write("tcvn3.txt", Data([0x43, 0xE9, 0x6E, 0x67]))
        try IndexBuilder.build(corpus: dir.path, to: path, options: .init(skipInvalid: true))
        #expect(throws: IndexError.corpus([.invalidUTF8(path: dir.path + "/tcvn3.txt", line: 1)])) {
            try IndexBuilder.build(corpus: dir.path, to: path)
        }
        // Neither is a removed file, nor an index of another corpus folder.
        try FileManager.default.removeItem(atPath: dir.path + "/tcvn3.txt")
        try FileManager.default.removeItem(atPath: dir.path + "/huong-dan.md")
        #expect(try IndexBuilder.build(corpus: dir.path, to: path) { _ in steps += 1 }.removed == 1)
        #expect(steps > 0)
        let other = try corpus()
        try FileManager.default.removeItem(atPath: other.path + "/huong-dan.md")
        #expect(try IndexBuilder.build(corpus: other.path, to: path).unchanged == 0)
        #expect(try HandbookDatabase.open(path: path).corpus == CorpusLoader.canonicalPath(other.path))
    }

    @Test("An index of an older layout, or a file that is no index, is built afresh, not copied")
    func previousNotCurrent() throws {
        let (dir, out, path) = try built()
        defer { withExtendedLifetime(out) {} }
        let queue = try DatabaseQueue(path: path, configuration: HandbookDatabase.configuration(readonly: false))
        try queue.write { try $0.execute(sql: "UPDATE info SET value = '1' WHERE key = 'schemaVersion'") }
        try queue.close()
        #expect(throws: IndexError.outdated(path: path)) { try HandbookDatabase.open(path: path) }
        let rebuilt = try IndexBuilder.build(corpus: dir.path, to: path)
        #expect(rebuilt.documents == 3 && rebuilt.unchanged == 0)
        #expect(try documents(path) == ["dieu-le-mau", "huong-dan", "quy-trinh-sinh-hoat-chi-bo"])
        try Data("không phải chỉ mục".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try IndexBuilder.build(corpus: dir.path, to: path).unchanged == 0)
        #expect(try documents(path).count == 3)
    }

    @Test("A search opened before a rebuild keeps working; a new one sees the new index")
    func searchDuringRebuild() throws {
        let fixture = try built()
        let (dir, path) = (fixture.corpus, fixture.index)
        let old = Handbook(database: try HandbookDatabase.open(path: path))
        #expect(try old.search(SearchQuery.parse("bao luu")).count == 1)
        try dir.write("moi.txt", "1. Mục mới\n\nBảo lưu ý kiến khác.\n")
        try IndexBuilder.build(corpus: dir.path, to: path)
        #expect(try old.search(SearchQuery.parse("bao luu")).count == 1)
        let new = Handbook(database: try HandbookDatabase.open(path: path))
        #expect(try new.search(SearchQuery.parse("bao luu")).count == 2)
    }

    @Test("A full disk fails with a clear error and leaves the old index and no temporary file")
    func diskFull() throws {
        let (dir, out, path) = try built()
        var options = IndexBuilder.Options(full: true)
        options.maximumPages = 8
        #expect(throws: IndexError.diskFull(path: path)) {
            try IndexBuilder.build(corpus: dir.path, to: path, options: options)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["index.sqlite"])
        #expect(try documents(path).count == 3)
    }

    @Test("What a killed build left behind is cleaned up by the next one")
    func staleTemporary() throws {
        let dir = try corpus()
        let out = TemporaryDirectory()
        let path = out.path + "/index.sqlite"
        // No process has pid 2^22+1 (above Linux's pid_max default), so the file is stale.
        try out.write("index.sqlite.building-4194305", "half written")
        try IndexBuilder.build(corpus: dir.path, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["index.sqlite"])
    }

    @Test("Opening something that is not an index says so")
    func notAnIndex() throws {
        let out = TemporaryDirectory()
        try out.write("x.sqlite", "not a database at all, just text that is long enough to have a header")
        #expect(throws: IndexError.notAnIndex(path: out.path + "/x.sqlite")) {
            try HandbookDatabase.open(path: out.path + "/x.sqlite")
        }
        #expect(throws: IndexError.missing(path: out.path + "/none.sqlite")) {
            try HandbookDatabase.open(path: out.path + "/none.sqlite")
        }
        #expect(IndexError.diskFull(path: "a").message.contains("chỉ mục cũ được giữ nguyên"))
    }
}
