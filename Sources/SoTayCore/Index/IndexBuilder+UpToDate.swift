import Foundation
import GRDB

extension IndexBuilder {
    /// Whether the index at `path` already holds the corpus folder `corpus` as it is (see
    /// ``build(corpus:to:options:progress:)``, which then writes nothing); if so, the index's
    /// time is set to now, since it stands for the corpus as of this check. A front end asks
    /// before it announces a rebuild that would do nothing.
    public static func markIfUpToDate(corpus: String, index path: String) -> Bool {
        guard let files = try? CorpusLoader.files(in: corpus) else { return false }
        let statuses = files.map { FileStatus.of($0.path) }
        return upToDate(path, corpus: CorpusLoader.canonicalPath(corpus), files: files, statuses: statuses) != nil
    }

    /// The report of a build that has nothing to do: the index at `path` is of this layout, of
    /// `corpus`, and records every file of `files` with the size and modification time it has
    /// now, and no other. Nil otherwise, or when the index cannot be read.
    ///
    /// Re-indexing an unchanged corpus otherwise still copied the whole index and wrote the
    /// copy out (0.22 s and 200 MB of writes at 100 MB) to change nothing. Files touched but
    /// not changed are not decided here: their new times are recorded by a build.
    static func upToDate(
        _ path: String, corpus: String, files: [CorpusFile], statuses: [FileStatus?]
    ) -> Report? {
        guard FileManager.default.fileExists(atPath: path),
            let queue = try? DatabaseQueue(path: path, configuration: HandbookDatabase.configuration(readonly: true))
        else { return nil }
        defer { try? queue.close() }
        let recorded: (stamps: [String: String], sections: Int)? = try? queue.read { db in
            let description = try Schema.describe(db)
            guard description.isCurrent, description.corpus == corpus else { return nil }
            var stamps: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, stamp FROM document") {
                stamps[row[0]] = row[1] as String
            }
            return (stamps, try Int.fetchOne(db, sql: "SELECT count(*) FROM section") ?? 0)
        }
        guard let recorded, recorded.stamps.count == files.count else { return nil }
        for (file, status) in zip(files, statuses) {
            guard let stamp = status?.stamp, recorded.stamps[CorpusLoader.join(corpus, file.relativePath)] == stamp
            else { return nil }
        }
        // The index now stands for the corpus as of this check: a front end that compares its
        // time with the corpus's (`sotay search`) would otherwise come back here every time
        // a folder's time, not a file's, moved on.
        // When the time cannot be set, a build replaces the file, as it did before this check.
        guard utimensat(AT_FDCWD, path, nil, 0) == 0 else { return nil }
        return Report(
            documents: files.count, sections: recorded.sections, unchanged: files.count, removed: 0, skipped: [])
    }
}
