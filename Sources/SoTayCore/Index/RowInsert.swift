import GRDB
import GRDBSQLite

/// Runs a prepared insert with its values bound straight through SQLite's C interface.
///
/// A full build inserts every section twice, into `section` and into FTS5, on the one thread
/// SQLite writes from, while the other reads and parses. GRDB's statement arguments box each
/// value and bind text by its C string, a `strlen` of every body; here each value is bound by
/// its type, text by pointer and length. Errors come back as GRDB's `DatabaseError`, so they are
/// mapped as every other (a full disk, an interrupt).
struct RowInsert {
    private let statement: Statement
    private let db: Database

    init(_ sql: String, _ db: Database) throws {
        statement = try db.cachedStatement(sql: sql)
        self.db = db
    }

    /// Binds values in order, from the first parameter.
    struct Values {
        fileprivate let handle: OpaquePointer
        fileprivate var index: Int32 = 1
        fileprivate var code = SQLITE_OK

        mutating func add(_ value: Int64) {
            record(sqlite3_bind_int64(handle, index, value))
        }

        mutating func add(_ value: Int?) {
            record(value.map { sqlite3_bind_int64(handle, index, Int64($0)) } ?? sqlite3_bind_null(handle, index))
        }

        /// Copied by SQLite (`SQLITE_TRANSIENT`): one `memcpy`, and no pointer that must outlive
        /// the call. An empty string is bound as text, never as NULL.
        mutating func add(_ value: String) {
            var value = value
            let handle = handle
            let index = index
            let code = value.withUTF8 { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, Values.transient)
                }
                return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Values.transient)
                }
            }
            record(code)
        }

        /// A blob, copied by SQLite; nil is NULL, and no bytes an empty blob, not NULL.
        mutating func add(blob: UnsafeBufferPointer<UInt8>?) {
            guard let blob else { return record(sqlite3_bind_null(handle, index)) }
            guard let start = blob.baseAddress, !blob.isEmpty else {
                return record(sqlite3_bind_zeroblob(handle, index, 0))
            }
            record(sqlite3_bind_blob(handle, index, start, Int32(blob.count), Values.transient))
        }

        private mutating func record(_ result: Int32) {
            if code == SQLITE_OK { code = result }
            index += 1
        }

        private static var transient: sqlite3_destructor_type {
            unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        }
    }

    func run(_ bind: (inout Values) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var values = Values(handle: handle)
        bind(&values)
        let code = values.code == SQLITE_OK ? sqlite3_step(handle) : values.code
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}
