import Foundation
import GRDB
import Testing

@testable import SoTayCore

@Suite("Inserting rows through SQLite's C interface")
struct RowInsertTests {
    /// A table `t` made by `create`, and an insert into the columns listed.
    func withTable(_ create: String, inserting columns: String, _ body: (RowInsert, Database) throws -> Void) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t(\(create))")
            let marks = columns.split(separator: ",").map { _ in "?" }.joined(separator: ", ")
            try body(try RowInsert("INSERT INTO t(\(columns)) VALUES (\(marks))", db), db)
        }
    }

    @Test("Integers, NULL, empty and Vietnamese text are stored as they were bound")
    func binds() throws {
        try withTable("a INTEGER, b INTEGER, c TEXT NOT NULL, d TEXT", inserting: "a, b, c, d") { insert, db in
            try insert.run {
                $0.add(Int64(1) << 40)
                $0.add(Int?.none)
                $0.add("")
                $0.add("Đảng viên dự bị")
            }
            try insert.run {
                $0.add(Int64(-3))
                $0.add(Int?.some(7))
                $0.add("ho\u{0300}a")
                $0.add("– Cử thư ký.")
            }
            let rows = try Row.fetchAll(db, sql: "SELECT a, b, c, d, typeof(b), typeof(c) FROM t ORDER BY rowid")
            #expect(rows.count == 2)
            #expect(rows[0][0] == Int64(1) << 40 && rows[0][4] == "null" && rows[0][5] == "text")
            #expect(rows[0][2] == "" && rows[0][3] == "Đảng viên dự bị")
            #expect(rows[1][0] == -3 && rows[1][1] == 7)
            // Bytes as given: NFD stays NFD (the parser normalises before), and the length is
            // the UTF-8 length, not a C string's.
            #expect((rows[1][2] as String).utf8.elementsEqual("ho\u{0300}a".utf8) && rows[1][3] == "– Cử thư ký.")
        }
    }

    @Test("Blobs are stored as bound: bytes, an empty blob, and NULL kept apart")
    func blobs() throws {
        try withTable("a BLOB, b BLOB, c BLOB", inserting: "a, b, c") { insert, db in
            let bytes: [UInt8] = [0, 1, 0xFF, 7]
            try bytes.withUnsafeBufferPointer { bytes in
                try insert.run {
                    $0.add(blob: bytes)
                    $0.add(blob: UnsafeBufferPointer(rebasing: bytes[1..<1]))
                    $0.add(blob: nil)
                }
            }
            let row = try #require(try Row.fetchOne(db, sql: "SELECT a, b, c, typeof(a), typeof(b), typeof(c) FROM t"))
            #expect(row[0] as Data == Data(bytes) && row[1] as Data == Data())
            #expect(row[3] == "blob" && row[4] == "blob" && row[5] == "null")
        }
    }

    @Test("A failed step throws SQLite's own code, and the statement serves again after it")
    func failure() throws {
        try withTable("a INTEGER PRIMARY KEY, c TEXT NOT NULL", inserting: "a, c") { insert, db in
            func add(_ a: Int64, _ c: String) throws {
                try insert.run {
                    $0.add(a)
                    $0.add(c)
                }
            }
            try add(1, "một")
            #expect {
                try add(1, "hai")
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT
            }
            try add(2, "ba")
            #expect(try String.fetchAll(db, sql: "SELECT c FROM t ORDER BY a") == ["một", "ba"])
        }
    }

    @Test("A full disk during the inserts is reported as a full disk")
    func diskFull() throws {
        let dir = TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.path + "/full.sqlite")
        // Outside a transaction: the full disk rolls it back, and a commit would then fail.
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TABLE t(c TEXT NOT NULL); PRAGMA max_page_count = 4")
            let insert = try RowInsert("INSERT INTO t(c) VALUES (?)", db)
            let text = String(repeating: "Đảng viên dự bị ", count: 2_000)
            #expect {
                for _ in 0..<10 { try insert.run { $0.add(text) } }
            } throws: { error in
                (error as? DatabaseError).map { IndexBuilder.map($0, path: "x") } == .diskFull(path: "x")
            }
        }
    }
}
