import Foundation
import GRDB

/// A section's stored title and body as UTF-8 bytes, what the searches that score sections
/// from their text (``TokenCounts``) read.
enum SectionText {
    /// nil when the section was removed since the lists that name it were made.
    static func of(_ id: Int64, _ db: Database) throws -> (title: Data, body: Data)? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT CAST(title AS BLOB), CAST(body AS BLOB) FROM section WHERE id = ?"),
            arguments: [id]
        ).map { ($0[0] ?? Data(), $0[1] ?? Data()) }
    }
}
