import Foundation
import GRDB
import GRDBSQLite

/// The index file, opened for reading. Searches open it read-only and never write beside
/// it, so it can sit in a folder the reader cannot write, or be copied to another machine.
public struct HandbookDatabase: Sendable {
    let reader: any DatabaseReader
    public let path: String
    /// The corpus folder the index was built from (canonical path); nil for an index written
    /// before sotay recorded it.
    public let corpus: String?

    /// Up to 1 GiB of the index mapped; the kernel pages in only what is read.
    static let mapSize = 1 << 30

    static func configuration(readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.label = "sotay"
        // A reader never writes, so it has no foreign keys to enforce; turning them on would
        // cost every one-search process a statement.
        configuration.foreignKeysEnabled = !readonly
        configuration.prepareDatabase { db in
            db.add(tokenizer: SoTayTokenizer.self)
            try RankFunction.register(db)
            guard readonly else { return }
            // Searches read the index through a memory map instead of copying each page: the
            // lists of common words span hundreds of pages. Builds never change a file in place
            // (they write a new one and rename it), so a mapped file is never cut short, and
            // the reader can take its shared lock once and keep it (`locking_mode`): locking
            // and unlocking around each statement, with a look for a journal each time, was
            // 270 of a search's 350 system calls.
            // Through the C function: GRDB's SQL literals cost a one-search process more than
            // the pragmas themselves.
            let code = sqlite3_exec(
                db.sqliteConnection, "PRAGMA mmap_size = \(mapSize); PRAGMA locking_mode = EXCLUSIVE", nil, nil, nil)
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
            // GRDB's authorizer records the tables and columns each statement reads, for
            // observing changes, which a read-only connection has none of: 8% of a one-search
            // process, with a string made of every column name.
            sqlite3_set_authorizer(db.sqliteConnection, nil, nil)
        }
        return configuration
    }

    /// Opens the index at `path` read-only.
    ///
    /// - Throws: ``IndexError/missing(path:)``, ``IndexError/notAnIndex(path:)``, ``IndexError/outdated(path:)``.
    public static func open(path: String) throws(IndexError) -> HandbookDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
            let description = try queue.unsafeRead(Schema.describe)
            guard description.isIndex else { throw IndexError.notAnIndex(path: path) }
            guard description.isCurrent else { throw IndexError.outdated(path: path) }
            return HandbookDatabase(reader: queue, path: path, corpus: description.corpus)
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError {
            throw IndexBuilder.map(error, path: path)
        } catch {
            throw .notAnIndex(path: path)
        }
    }

    /// The corpus folder an index records, whatever version of sotay wrote it: enough to know
    /// whose index a file is before rebuilding it.
    public static func recordedCorpus(path: String) -> String? {
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration(readonly: true)) else {
            return nil
        }
        return (try? queue.read(Schema.describe))?.corpus
    }

    /// Runs a read, turning database failures into ``IndexError`` and letting the caller's own errors through.
    ///
    /// Outside a transaction: the file is never changed in place (a build writes a new one and
    /// renames it over), so every statement of the read sees the same index without one, and a
    /// one-search process saves the BEGIN and COMMIT GRDB would prepare for it.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try reader.unsafeRead(body)
        } catch let error as DatabaseError {
            throw IndexBuilder.map(error, path: path)
        }
    }
}
