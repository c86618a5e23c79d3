import Foundation
import GRDB
import GRDBSQLite

/// A section's stored title and body as UTF-8 bytes, what the searches that score sections
/// from their text (``TokenCounts``, ``Ranker/Matcher``) read: by id, as SQLite holds them,
/// through its C interface.
///
/// A prefix typed after a common word (`bat duo`) has such searches read thousands of
/// sections: through GRDB each read copied the row and made Strings of the title and body
/// (validating their UTF-8 again), about as much as folding the text. Here the bytes are
/// scanned where SQLite keeps them. Errors come back as GRDB's `DatabaseError`, mapped as
/// every other.
struct SectionText {
    private let statement: Statement
    private let db: Database

    init(_ db: Database) throws {
        // Its own statement: GRDB's cached statements know nothing of steps taken here.
        statement = try db.cachedStatement(sql: "SELECT documentId, position, title, body FROM section WHERE id = ?1")
        self.db = db
    }

    /// What `body` makes of section `id` (its document, its position there, its title and its
    /// body, the bytes valid only during the call), or nil when there is no such section.
    func read<T>(
        _ id: Int64,
        _ body: (_ documentId: Int64, _ position: Int, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws
            -> T
    ) throws -> T? {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer { sqlite3_reset(handle) }
        sqlite3_bind_int64(handle, 1, id)
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return try body(
                sqlite3_column_int64(handle, 0), Int(sqlite3_column_int64(handle, 1)), Self.text(handle, 2),
                Self.text(handle, 3))
        case SQLITE_DONE:
            return nil
        case let code:
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                sql: statement.sql)
        }
    }

    /// A text column's UTF-8, empty for NULL.
    private static func text(_ handle: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        // The pointer first, then its size, as SQLite asks.
        guard let start = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// Section `id`'s title and body, copied; nil when the section was removed since the lists
    /// that name it were made.
    static func of(_ id: Int64, _ db: Database) throws -> (title: Data, body: Data)? {
        try SectionText(db).read(id) { _, _, title, body in (Data(title), Data(body)) }
    }
}
