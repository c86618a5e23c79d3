import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("Sections read by id as their stored bytes")
struct SectionTextTests {
    @Test("A section comes with its document, position, title and body as stored; a missing one is nil")
    func reads() throws {
        let queue = try DatabaseQueue(configuration: HandbookDatabase.configuration(readonly: false))
        let sections: [(title: String, body: String)] = [
            ("Đảng viên dự bị", "Cử thư ký cuộc họp."), ("", "Thân bài không tiêu đề, hòa và hoà."),
            ("Kết thúc", ""), ("D\u{1EA2}NG", "vie\u{0302}n"),
        ]
        try queue.write { db in
            try Schema.create(db)
            try db.execute(
                sql:
                    "INSERT INTO document(id, slug, title, path, fingerprint, stamp, metadata, words) VALUES (7, 'd', 'D', 'd', '', '', '[]', 0)"
            )
            for (position, section) in sections.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO section(documentId, position, number, title, level, words, body) VALUES (7, ?, '', ?, 1, 0, ?)",
                    arguments: [position + 3, section.title, section.body])
            }
        }
        try queue.read { db in
            let reader = try SectionText(db)
            // Twice over, in another order: the statement is reset between reads.
            for id in [1, 2, 3, 4, 3, 1] as [Int64] {
                let read = try reader.read(id) { documentId, position, title, body in
                    (
                        documentId, position, String(decoding: title, as: UTF8.self),
                        String(decoding: body, as: UTF8.self)
                    )
                }
                let section = sections[Int(id) - 1]
                #expect(read?.0 == 7 && read?.1 == Int(id) + 2)
                #expect(read?.2 == section.title && read?.3 == section.body, "section \(id)")
                // Bytes, not text compared as Strings: NFD stays NFD.
                try reader.read(id) { _, _, title, body in
                    #expect(Array(title) == Array(section.title.utf8) && Array(body) == Array(section.body.utf8))
                }
            }
            #expect(try reader.read(99) { _, _, _, _ in true } == nil)
            // Copied, for the searches that keep them.
            let copied = try #require(try SectionText.of(4, db))
            #expect(copied.title == Data(sections[3].title.utf8) && copied.body == Data(sections[3].body.utf8))
            #expect(try SectionText.of(99, db) == nil)
            // The same signals from the bytes as from Strings.
            let matcher = Ranker.Matcher(try SearchQuery.parse("đảng viên thu k", lastWordPartial: true))
            for (id, section) in sections.enumerated() {
                let fromBytes = try #require(
                    try reader.read(Int64(id + 1)) { _, _, title, body in
                        matcher.signals(title: title, body: body, prefix: Array("k".utf8))
                    })
                let fromStrings = matcher.signals(title: section.title, body: section.body, prefix: Array("k".utf8))
                #expect(fromBytes.prefixHits == fromStrings.prefixHits && fromBytes.length == fromStrings.length)
                #expect(fromBytes.adjacency == fromStrings.adjacency && fromBytes.diacritics == fromStrings.diacritics)
            }
        }
    }
}
