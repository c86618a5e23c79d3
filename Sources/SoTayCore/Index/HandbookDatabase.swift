import Foundation
import GRDB

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
        configuration.prepareDatabase { db in
            db.add(tokenizer: SoTayTokenizer.self)
            try RankFunction.register(db)
            // Searches read the index through a memory map instead of copying each page: the
            // lists of common words span hundreds of pages. Builds never change a file in place
            // (they write a new one and rename it), so a mapped file is never cut short.
            if readonly { try db.execute(sql: "PRAGMA mmap_size = \(mapSize)") }
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
            let description = try queue.read(Schema.describe)
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
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try reader.read(body)
        } catch let error as DatabaseError {
            throw IndexBuilder.map(error, path: path)
        }
    }
}
