import Foundation
import GRDB

/// Each section's length in tokens, title and body together, as FTS5 records it: one blob of
/// 32-bit numbers by section id, which `sotay_rank` reads once and then indexes for every
/// match (``RankFunction``).
///
/// BM25 needs every match's length, and FTS5 gives it (`xColumnSize`) by running a statement
/// on its `_docsize` table for each row: a B-tree look-up, and SQLite's locks around each
/// call. Read from here instead, "ban thuong vu" at 100 MB (19,600 matches ranked) takes
/// 11–12 ms in-process instead of 24–28. The blob is made from that very table, so the
/// numbers are FTS5's.
enum SectionLengths {
    static func create(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE section_length(data BLOB NOT NULL)")
    }

    /// Adds the lengths of the sections inserted since the blob was last written. Section ids
    /// are never reused, and a changed document's sections come back under new ids, so what
    /// is stored stays right; a removed section's length is never asked for. A build that
    /// inserted nothing reads nothing but the blob's size.
    static func update(_ db: Database) throws {
        let known = try Int.fetchOne(db, sql: "SELECT length(data) / 4 FROM section_length") ?? 0
        let newer = "FROM section_fts_docsize WHERE id >= ?"
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 \(newer))", arguments: [known]) == true else { return }
        var lengths = try load(db)
        let rows = try Row.fetchCursor(db, sql: "SELECT id, sz \(newer) ORDER BY id", arguments: [known])
        while let row = try rows.next() {
            let id = Int(row[0] as Int64)
            if id >= lengths.count { lengths.append(contentsOf: repeatElement(0, count: id + 1 - lengths.count)) }
            lengths[id] = try UInt32(clamping: row.withUnsafeData(atIndex: 1) { $0.map(total) ?? 0 })
        }
        var data: [UInt8] = []
        TopLists.encode(lengths, to: &data)
        try db.execute(sql: "DELETE FROM section_length")
        try db.execute(sql: "INSERT INTO section_length(data) VALUES (?)", arguments: [Data(data)])
    }

    /// Every stored length, by section id (0 for ids no section had when they were stored).
    static func load(_ db: Database) throws -> [UInt32] {
        try Data.fetchOne(db, sql: "SELECT data FROM section_length").map { $0.withUnsafeBytes(TopLists.decode) } ?? []
    }

    /// The sum of FTS5's per-column sizes in a `_docsize` row: SQLite varints, most
    /// significant group first, the high bit marking that more follow.
    static func total(_ sizes: Data) -> Int {
        var total = 0
        var value = 0
        var groups = 0
        for byte in sizes {
            groups += 1
            if groups == 9 {
                // A ninth byte holds eight bits (never reached by a column's size).
                total += value << 8 | Int(byte)
                (value, groups) = (0, 0)
            } else if byte & 0x80 != 0 {
                value = value << 7 | Int(byte & 0x7F)
            } else {
                total += value << 7 | Int(byte)
                (value, groups) = (0, 0)
            }
        }
        return total
    }
}
