import Foundation
import GRDB
import Synchronization
import Testing

@testable import SoTayCore

@Suite("Sections' terms read by the tokenizer for the top lists")
struct SectionTermsTests {
    /// Titles and bodies that try the recording: decomposed text and both tone placements,
    /// an empty title, an empty body, both empty, a body of punctuation alone, numbers, a
    /// word longer than FTS5 keeps, and words in many sections.
    static let sections: [(title: String, body: String)] = [
        ("Đảng viên dự bị", "Cử thư ký cuộc họp; thư ký ghi biên bản."),
        ("", "Đảng viên chính thức, đảng viên dự bị: hòa, hoà, thủy, thuỷ."),
        ("Kết thúc", ""),
        ("", ""),
        ("Mục 2.1", "– … ( ) ; !"),
        ("D\u{1EA2}NG VI\u{00CA}N", "\u{0110}a\u{0309}ng vie\u{0302}n du\u{0323} bi\u{0323} 2024 12/2024"),
        ("Từ dài", String(repeating: "a", count: 40_000) + " đảng"),
        ("Tuỳ", "thỏa thoả Tùy tuỳ"),
    ]

    /// Inserts a row into the FTS5 table `table` as a full build does, `terms` (if any)
    /// recording it.
    static func insert(
        _ id: Int64, title: String, body: String, into table: String, recordingIn terms: SectionTerms?, _ db: Database
    ) throws {
        let insert = {
            try db.execute(
                sql: "INSERT INTO \(table)(rowid, title, body) VALUES (?, ?, ?)", arguments: [id, title, body])
        }
        guard let terms else { return try insert() }
        try terms.recording(insert)
        terms.endSection(id: id, titleBytes: title.utf8.count, bodyBytes: body.utf8.count)
    }

    /// An FTS5 table with the index's tokenizer, its rows inserted as a full build inserts
    /// them, `terms` recording each (or not, for the rows `unrecorded` names).
    static func table(_ terms: SectionTerms, ids: [Int64]? = nil, unrecorded: Set<Int> = []) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(configuration: HandbookDatabase.configuration(readonly: false))
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='sotay')")
            for (n, section) in sections.enumerated() {
                try insert(
                    ids?[n] ?? Int64(n + 1), title: section.title, body: section.body, into: "t",
                    recordingIn: unrecorded.contains(n) ? nil : terms, db)
            }
        }
        return queue
    }

    @Test("The terms recorded are FTS5's vocabulary: the same terms in its order, their rows, the tokens")
    func vocabulary() throws {
        let terms = SectionTerms()
        let queue = try Self.table(terms)
        let vocabulary = try #require(terms.vocabulary(rows: Self.sections.count))
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 't', 'row')")
            let rows = try Row.fetchAll(db, sql: "SELECT term, doc, cnt FROM temp.v")
            #expect(rows.count > 20)
            #expect(vocabulary.terms == rows.map { $0["term"] as String })
            #expect(vocabulary.rowsWith == rows.map { $0["doc"] as Double })
            #expect(vocabulary.tokens == rows.reduce(0) { $0 + ($1["cnt"] as Double) })
        }
        #expect(vocabulary.terms.contains(String(repeating: "a", count: SectionTerms.maximumTokenBytes)))
        #expect(vocabulary.rowsWith[vocabulary.terms.firstIndex(of: "dang")!] == 4)
    }

    @Test("Each section keeps its terms' numbers, the title's counted apart, in the order of the ids")
    func chunks() throws {
        let terms = SectionTerms()
        _ = try Self.table(terms)
        let vocabulary = try #require(terms.vocabulary(rows: Self.sections.count))
        let chunks = terms.take()
        #expect(terms.take().isEmpty)
        let chunk = try #require(chunks.first)
        #expect(chunks.count == 1 && chunk.firstID == 1 && chunk.sections == Self.sections.count)
        for (n, section) in Self.sections.enumerated() {
            // The numbers, back to terms, are the tokens of the title and then the body.
            var numbers: [Int] = []
            var i = chunk.range(of: n).lowerBound
            while i < chunk.range(of: n).upperBound {
                numbers.append(Int(Varint.read(chunk.bytes.buffer, at: &i)))
            }
            let words = numbers.map { vocabulary.terms[Int(vocabulary.place[$0])] }
            let title = Folding.tokens(in: section.title).map(\.folded)
            let body = Folding.tokens(in: section.body).map { String($0.folded.prefix(SectionTerms.maximumTokenBytes)) }
            #expect(words == title + body, "section \(n)")
            #expect(chunk.counts[3 * n] == UInt32(title.count) && chunk.counts[3 * n + 1] == UInt32(words.count))
        }
    }

    @Test("A section FTS5 took without the recording, or out of id order, leaves the pass to the table")
    func incomplete() throws {
        let unrecorded = SectionTerms()
        _ = try Self.table(unrecorded, unrecorded: [3])
        #expect(unrecorded.vocabulary(rows: Self.sections.count) == nil)
        let skipped = SectionTerms()
        _ = try Self.table(skipped, ids: [1, 2, 3, 5, 6, 7, 8, 9])
        #expect(skipped.vocabulary(rows: Self.sections.count) == nil)
        // Recorded, but fewer rows than the table holds.
        let whole = SectionTerms()
        _ = try Self.table(whole)
        #expect(whole.vocabulary(rows: Self.sections.count + 1) == nil)
        #expect(whole.vocabulary(rows: Self.sections.count) != nil)
    }

    @Test("Only the thread that records, and only while it does, is recorded")
    func recordingIsPerThread() throws {
        let terms = SectionTerms()
        #expect(SectionTerms.current == nil)
        terms.recording {
            #expect(SectionTerms.current === terms)
            // Another thread, meanwhile (a server's connection, another test's build).
            let seen = Mutex<SectionTerms?>(terms)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                seen.withLock { $0 = SectionTerms.current }
                done.signal()
            }
            done.wait()
            #expect(seen.withLock { $0 } == nil)
        }
        #expect(SectionTerms.current == nil)
    }

    @Test("A full build makes its lists from the recorded terms, and they are the lists made from the table")
    func sameListsAsFromTheTable() throws {
        let (corpus, out) = (TemporaryDirectory(), TemporaryDirectory())
        try TopListsTests.writeCorpus(corpus)
        let path = out.path + "/index.sqlite"
        var options = IndexBuilder.Options()
        options.topLists = TopListsTests.parameters
        let report = try IndexBuilder.build(corpus: corpus.path, to: path, options: options)
        #expect(report.listsFromTerms)
        let queue = try DatabaseQueue(path: path, configuration: HandbookDatabase.configuration(readonly: false))
        let lists = "SELECT key, matches, rows, phraseRows, adjacentRows FROM top_list ORDER BY key"
        let fromTerms = try queue.read { try Row.fetchAll($0, sql: lists) }
        #expect(fromTerms.count > 20)
        let fromTable = try queue.write { db in
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM section")!
            let usedTerms = try TopLists.rebuild(
                db, rows: rows, parameters: TopListsTests.parameters, meanwhile: {}, progress: nil)
            #expect(!usedTerms)
            return try Row.fetchAll(db, sql: lists)
        }
        #expect(fromTerms == fromTable)
        // An incremental build does not read the terms: its lists are kept or made from the table.
        try corpus.write("moi.txt", "Tài liệu mới\n\n1. Mục\n\nĐảng viên dự bị.\n")
        #expect(try !IndexBuilder.build(corpus: corpus.path, to: path, options: options).listsFromTerms)
    }

    @Test("Made from the terms, the lists run FTS5's merge beside the pass, and a merge that fails fails them")
    func mergeBesideThePass() throws {
        let words = ["đảng", "viên", "chi", "bộ", "thư", "ký", "nghị", "quyết"]
        var numbers = SeededNumbers(state: 3)
        for fails in [false, true] {
            let queue = try DatabaseQueue(configuration: HandbookDatabase.configuration(readonly: false))
            let terms = SectionTerms()
            try queue.write { db in
                try Schema.create(db)
                try db.execute(
                    sql:
                        "INSERT INTO document(slug, title, path, fingerprint, stamp, metadata, words) VALUES ('d', 'D', 'd', '', '', '[]', 0)"
                )
                for position in 0..<60 {
                    let body = (0..<(3 + numbers.next(20))).map { _ in words[numbers.next(words.count)] }.joined(
                        separator: " ")
                    let title = "Mục \(words[numbers.next(4)])"
                    try db.execute(
                        sql:
                            "INSERT INTO section(documentId, position, number, title, level, words, body) VALUES (1, ?, '', ?, 1, 0, ?)",
                        arguments: [position, title, body])
                    try Self.insert(
                        db.lastInsertedRowID, title: title, body: body, into: "section_fts", recordingIn: terms, db)
                }
            }
            var merges = 0
            let made = {
                try queue.write { db in
                    try TopLists.rebuild(
                        db, rows: 60, parameters: TopListsTests.parameters, terms: terms,
                        meanwhile: {
                            merges += 1
                            if fails { throw IndexError.diskFull(path: "x") }
                        }, progress: nil)
                }
            }
            if fails {
                #expect(throws: IndexError.diskFull(path: "x"), performing: made)
            } else {
                #expect(try made())
                #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM top_list") ?? 0 } > 20)
            }
            #expect(merges == 1)
        }
    }

    @Test("A token's key: short tokens keyed by their bytes and length, long ones hashed above them")
    func keys() {
        func key(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBufferPointer(SectionTerms.key) }
        let short = ["a", "b", "ab", "ba", "dang", "nghieng", "a\u{0}", "\u{0}a"]
        #expect(Set(short.map(key)).count == short.count)
        #expect(short.allSatisfy { key($0) >> 56 == UInt64($0.utf8.count) })
        let long = ["nghiengx", String(repeating: "z", count: 100)]
        #expect(long.allSatisfy { key($0) >> 62 == 1 && key($0) != UInt64.max })
    }
}
