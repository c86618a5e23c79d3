import Foundation
import GRDB

/// View counts per document, in their own small SQLite file beside the index: a rebuild of the
/// index replaces that file and must lose none of them.
public struct ViewStore: Sendable {
    private let writer: any DatabaseWriter

    /// Opens (creating if needed) the view-count file at `path`.
    ///
    /// - Throws: ``IndexError/cannotWrite(path:)`` when the file cannot be created or written.
    public init(path: String) throws(IndexError) {
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            configuration.label = "sotay-views"
            // Concurrent visits queue for the writer instead of failing with "database is locked".
            configuration.busyMode = .timeout(5)
            let pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS views(doc TEXT PRIMARY KEY, count INTEGER NOT NULL)")
            }
            writer = pool
        } catch let error as DatabaseError {
            throw IndexBuilder.map(error, path: path) == .diskFull(path: path)
                ? .diskFull(path: path) : .cannotWrite(path: path)
        } catch {
            throw .cannotWrite(path: path)
        }
    }

    /// Counts one view of `doc`.
    public func record(_ doc: String) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO views(doc, count) VALUES (?, 1) ON CONFLICT(doc) DO UPDATE SET count = count + 1",
                arguments: [doc])
        }
    }

    /// Every document's count.
    public func counts() throws -> [String: Int] {
        try writer.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT doc, count FROM views").map {
                    ($0["doc"] as String, $0["count"] as Int)
                })
        }
    }

    public func count(_ doc: String) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count FROM views WHERE doc = ?", arguments: [doc]) ?? 0
        }
    }
}
