import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("Sections' lengths stored for sotay_rank")
struct SectionLengthsTests {
    /// 48 documents of 50 sections of a few to forty words, "đảng" in about 9 sections of 20:
    /// more matches than a connection ranks before it reads the stored lengths, in fewer than
    /// half the sections, so that its idf is not floored and lengths change its scores.
    static func writeCorpus(_ dir: TemporaryDirectory, documents: Range<Int> = 0..<48) throws {
        let words = ["sinh", "hoạt", "nghị", "quyết", "chi", "bộ", "viên", "công", "tác", "thư", "ký", "Thuỷ"]
        for d in documents {
            var numbers = SeededNumbers(state: UInt64(d + 1))
            var text = "Tài liệu \(d)\n\n"
            for s in 1...50 {
                var body = (0..<(1 + numbers.next(40))).map { _ in words[numbers.next(words.count)] }
                let title: String
                switch numbers.next(20) {
                case 0: title = "Đảng \(words[numbers.next(words.count)])"
                case 1...8:
                    title = "Mục \(s)"
                    body.insert("đảng", at: numbers.next(body.count + 1))
                default: title = "Mục \(s)"
                }
                text += "\(s). \(title)\n\n\(body.joined(separator: " ")).\n\n"
            }
            try dir.write("tai-lieu-\(d).txt", text)
        }
    }

    /// Tokens the way the tokenizer emits them, title and body together.
    static func tokens(_ text: String) -> UInt32 {
        var count: UInt32 = 0
        var text = text
        text.withUTF8 { Folding.scan($0) { _, _, _ in count += 1 } }
        return count
    }

    /// Every section's stored length against its tokens.
    static func expectLengthsRight(_ path: String) throws {
        let queue = try DatabaseQueue(path: path, configuration: HandbookDatabase.configuration(readonly: true))
        try queue.read { db in
            let stored = try SectionLengths.load(db)
            let sections = try Row.fetchAll(db, sql: "SELECT id, title, body FROM section")
            #expect(sections.count > 0)
            #expect(stored.count == (sections.map { $0["id"] as Int }.max() ?? 0) + 1)
            for row in sections {
                let id: Int = row["id"]
                let expected = tokens(row["title"]) + tokens(row["body"])
                #expect(id < stored.count && stored[id] == expected, "section \(id)")
            }
        }
    }

    @Test("A full build stores each section's tokens, title and body, by section id")
    func fullBuild() throws {
        let (corpus, out) = (TemporaryDirectory(), TemporaryDirectory())
        try Self.writeCorpus(corpus, documents: 0..<3)
        try IndexBuilder.build(corpus: corpus.path, to: out.path + "/index.sqlite")
        try Self.expectLengthsRight(out.path + "/index.sqlite")
    }

    @Test("An incremental build adds the sections it inserts, and keeps the lengths of the others")
    func incrementalBuild() throws {
        let (corpus, out) = (TemporaryDirectory(), TemporaryDirectory())
        let path = out.path + "/index.sqlite"
        try Self.writeCorpus(corpus, documents: 0..<3)
        try IndexBuilder.build(corpus: corpus.path, to: path)
        let before = try DatabaseQueue(path: path).read(SectionLengths.load)
        // One document changed, one added, one removed.
        try corpus.write("tai-lieu-1.txt", "Tài liệu 1\n\n1. Mục mới\n\nĐảng viên dự bị thư ký chi bộ.\n")
        try Self.writeCorpus(corpus, documents: 3..<4)
        try FileManager.default.removeItem(atPath: corpus.path + "/tai-lieu-2.txt")
        let report = try IndexBuilder.build(corpus: corpus.path, to: path)
        #expect(report.unchanged == 1 && report.removed == 1)
        try Self.expectLengthsRight(path)
        let after = try DatabaseQueue(path: path).read(SectionLengths.load)
        #expect(after.count > before.count)
        #expect(Array(after.prefix(before.count)) == before)
    }

    @Test("sotay_rank scores every row as bm25() does, before and after it reads the stored lengths")
    func rankReadsThem() throws {
        let (corpus, out) = (TemporaryDirectory(), TemporaryDirectory())
        try Self.writeCorpus(corpus)
        let path = out.path + "/index.sqlite"
        try IndexBuilder.build(corpus: corpus.path, to: path)
        // A copy whose stored lengths are all wrong, to see when sotay_rank reads them.
        let tampered = out.path + "/tampered.sqlite"
        try FileManager.default.copyItem(atPath: path, toPath: tampered)
        try DatabaseQueue(path: tampered).write { db in
            let wrong = try SectionLengths.load(db).map { $0 + 7 }
            let data = wrong.withUnsafeBufferPointer { Data(buffer: $0) }
            try db.execute(sql: "UPDATE section_length SET data = ?", arguments: [data])
        }
        func ranks(_ path: String) throws -> [(bm25: Double, ours: Double)] {
            let queue = try DatabaseQueue(path: path, configuration: HandbookDatabase.configuration(readonly: true))
            return try queue.read { db in
                let count = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM section_fts WHERE section_fts MATCH 'dang'")!
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM section")!
                #expect(count > RankFunction.StoredLengths.rowsBeforeReading && count * 2 < rows)
                // Twice on one connection: the second statement reads every length from the blob.
                return try (0..<2).flatMap { _ in
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT bm25(section_fts, \(Schema.titleWeight), \(Schema.bodyWeight)),
                                \(RankFunction.name)(section_fts, '', ?)
                            FROM section_fts WHERE section_fts MATCH 'dang' ORDER BY rowid
                            """, arguments: [count]
                    ).map { (bm25: $0[0], ours: $0[1]) }
                }
            }
        }
        func equal(_ rank: (bm25: Double, ours: Double)) -> Bool {
            abs(rank.bm25 - rank.ours) <= 1e-12 * abs(rank.bm25)
        }
        let right = try ranks(path).filter { !equal($0) }.count
        #expect(right == 0, "rows scored otherwise than by bm25()")
        let wrong = try ranks(tampered)
        let threshold = RankFunction.StoredLengths.rowsBeforeReading
        let before = wrong.prefix(threshold).filter { !equal($0) }.count
        let after = wrong.dropFirst(threshold).filter(equal).count
        #expect(wrong.count > 2 * threshold)
        #expect(before == 0, "FTS5's lengths, before the blob is read")
        #expect(after == 0, "the blob's, after")
    }

    @Test("FTS5's per-column sizes are read as SQLite varints")
    func varints() {
        let cases: [([UInt8], Int)] = [
            ([], 0), ([0x7F], 127), ([0x02, 0x82, 0x2C], 302), ([0x81, 0x80, 0x00], 16_384), ([0x00, 0x00], 0),
        ]
        for (bytes, total) in cases { #expect(SectionLengths.total(Data(bytes)) == total, "\(bytes)") }
    }
}
