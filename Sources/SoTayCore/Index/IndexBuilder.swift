import Foundation
import GRDB

/// Builds the index file from a corpus folder, atomically.
///
/// The new index is written to a temporary file beside the old one and renamed over it only
/// when complete, so a failed, interrupted or disk-full build leaves the previous index
/// intact, and a search that opened the old file keeps reading it to the end.
public enum IndexBuilder {
    public struct Options: Sendable {
        /// Index the valid files and report the others, instead of failing the whole build.
        public var skipInvalid = false
        /// Re-index every document even when its file has not changed.
        public var full = false
        /// Caps the file size in pages, so tests can make the disk "fill up".
        var maximumPages: Int?
        /// Which words and pairs get precomputed lists; tests lower the thresholds.
        var topLists = TopLists.Parameters()

        public init(skipInvalid: Bool = false, full: Bool = false) {
            self.skipInvalid = skipInvalid
            self.full = full
        }
    }

    public struct Progress: Sendable {
        /// The steps of a build, in order. Ranking is skipped when the lists are kept (most
        /// incremental builds); writing has nothing to count: FTS5's merge of its segments,
        /// the lists stored, the file written out and put in place (a quarter of a full
        /// build at 100 MB, the bulk of an incremental one).
        public enum Step: Sendable {
            case reading, ranking, writing
        }

        public var step = Step.reading
        public var documentsDone: Int
        public var documentsTotal: Int
        public var bytesDone: Int
        public var bytesTotal: Int
        /// Sections scored for the top lists, while ranking (0 of all when it starts, with
        /// FTS5's statistics still to read).
        public var listSectionsDone = 0
        public var listSectionsTotal = 0

        public init(
            step: Step = .reading, documentsDone: Int, documentsTotal: Int, bytesDone: Int, bytesTotal: Int,
            listSectionsDone: Int = 0, listSectionsTotal: Int = 0
        ) {
            self.step = step
            (self.documentsDone, self.documentsTotal) = (documentsDone, documentsTotal)
            (self.bytesDone, self.bytesTotal) = (bytesDone, bytesTotal)
            (self.listSectionsDone, self.listSectionsTotal) = (listSectionsDone, listSectionsTotal)
        }
    }

    public struct Report: Sendable {
        public var documents: Int
        public var sections: Int
        /// Documents whose files had not changed and were kept from the previous index.
        public var unchanged: Int
        public var removed: Int
        /// Files that could not be indexed (only with `skipInvalid`).
        public var skipped: [CorpusError]
        /// Whether the top lists were made again from the terms the tokenizer read
        /// (``SectionTerms``), rather than from the table, or kept.
        var listsFromTerms = false
    }

    /// The temporary file a build of `path` by this process writes, so a front end can remove
    /// it when the user interrupts the build.
    public static func temporaryPath(for path: String) -> String {
        "\(path).building-\(getpid())"
    }

    /// Builds or refreshes the index at `path` from the corpus folder `corpus`.
    ///
    /// When the index already holds the corpus as it is (every file recorded with the size and
    /// modification time it has now, none added or removed), nothing is written: the index
    /// stays the same file, its time set to now, and `progress` is never called.
    ///
    /// - Throws: ``IndexError/corpus(_:)`` listing every bad file (unless `skipInvalid`),
    ///   ``IndexError/diskFull(path:)``, ``IndexError/cannotWrite(path:)``; the old index is kept in every case.
    @discardableResult
    public static func build(
        corpus: String, to path: String, options: Options = Options(),
        progress: ((Progress) -> Void)? = nil
    ) throws(IndexError) -> Report {
        let files: [CorpusFile]
        do {
            files = try CorpusLoader.files(in: corpus)
        } catch {
            throw .corpus([error])
        }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path)
        }
        removeStaleTemporaries(of: path)
        let canonical = CorpusLoader.canonicalPath(corpus)
        // One stat per file, for the progress's totals and the unchanged-file check alike.
        let statuses = files.map { FileStatus.of($0.path) }
        let reusing: String?
        switch options.full ? .none : previous(path, corpus: canonical, files: files, statuses: statuses) {
        case .upToDate(let report): return report
        case .current: reusing = path
        case .none: reusing = nil
        }
        let temporary = temporaryPath(for: path)
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            let report = try write(
                files: files, statuses: statuses, from: canonical, to: temporary,
                reusing: reusing, reportingAs: path, options: options, progress: progress)
            try syncAndRename(temporary, to: path)
            return report
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    private static func write(
        files: [CorpusFile], statuses: [FileStatus?], from corpus: String, to temporary: String,
        reusing previous: String?, reportingAs path: String, options: Options, progress: ((Progress) -> Void)?
    ) throws(IndexError) -> Report {
        let bytesTotal = statuses.reduce(0) { $0 + ($1?.size ?? 0) }
        var report = Report(documents: 0, sections: 0, unchanged: 0, removed: 0, skipped: [])
        var errors: [CorpusError] = []
        // Starts from a copy of the previous index (of the current layout: ``previous(_:corpus:files:statuses:)``),
        // so unchanged documents cost nothing but reading their files.
        let reused = previous.map { FileCopy.copy($0, to: temporary) } ?? false
        do {
            let queue = try DatabaseQueue(
                path: temporary, configuration: HandbookDatabase.configuration(readonly: false))
            try queue.writeWithoutTransaction { db in
                // A crash only ever loses the temporary file, so no journal is needed while building.
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
                if let pages = options.maximumPages { try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
            }
            try queue.write { db in
                if !reused {
                    try Schema.create(db)
                    // A full build merges every segment once at the end ('optimize'): merging
                    // them as they come too would do the work twice (a sixth of the inserts'
                    // time at 100 MB). Crisis merges still bound their number. FTS5 holds 16 MB
                    // of postings before it writes a segment, not 1 MB: a sixteenth of the
                    // segments, no crisis merge on the thread every insert waits for, and fewer
                    // to merge at the end (100 MB: 4.86 → 4.66 s, 0.3 s less CPU, 2 MB more).
                    try configureMerging(automerge: 0, crisismerge: 64, hashsize: 16 << 20, db)
                }
                try Schema.record(corpus: corpus, db)
                // Documents are known by their path below the canonical corpus folder, so that
                // `corpus/a.txt` and `/home/x/corpus/a.txt` are the same file: under another
                // spelling, every document would be deleted and inserted again, ten times the
                // cost of a full build. Paths recorded otherwise (by older versions) are resolved.
                var known = try Dictionary(
                    Row.fetchAll(db, sql: "SELECT path, fingerprint, stamp, id, slug FROM document").map {
                        let path: String = $0["path"]
                        return (
                            path.hasPrefix(corpus + "/") ? path : CorpusLoader.canonicalPath(path),
                            (
                                fingerprint: $0["fingerprint"] as String, stamp: $0["stamp"] as String,
                                id: $0["id"] as Int64, slug: $0["slug"] as String
                            )
                        )
                    }, uniquingKeysWith: { a, _ in a })
                let keyBySlug = Dictionary(known.map { ($0.value.slug, $0.key) }, uniquingKeysWith: { a, _ in a })
                var slugs: [String: String] = [:]
                var bytesDone = 0
                var changedRows = 0
                // Files are read and parsed a few ahead on a second thread; whether each is kept,
                // replaced or reported is decided here, in order, with what was read. Only the
                // files to read go there: handing over the others one by one would cost a
                // thread switch per unchanged file.
                var jobs: [DocumentPrefetch.Job] = []
                var jobOf: [Int: Int] = [:]
                for (n, file) in files.enumerated() {
                    let recorded = known[CorpusLoader.join(corpus, file.relativePath)]
                    let stamp = statuses[n]?.stamp
                    guard recorded.map({ stamp == nil || $0.stamp != stamp }) ?? true else { continue }
                    jobOf[n] = jobs.count
                    jobs.append(.init(file: file, recorded: recorded?.fingerprint, size: statuses[n]?.size ?? 0))
                }
                let prefetch = DocumentPrefetch(jobs)
                // A full build keeps the terms FTS5's tokenizer reads, for the top lists.
                let terms = reused ? nil : SectionTerms()
                defer { prefetch.cancel() }
                for (n, file) in files.enumerated() {
                    defer {
                        bytesDone += statuses[n]?.size ?? 0
                        progress?(
                            Progress(
                                documentsDone: n + 1, documentsTotal: files.count, bytesDone: bytesDone,
                                bytesTotal: bytesTotal))
                    }
                    let prepared = jobOf[n].map { prefetch.take($0, size: jobs[$0].size) } ?? .init()
                    // An unchanged file is not even read when its size and modification time are
                    // those recorded (as make and rsync decide), nor parsed when its bytes are.
                    let stamp = statuses[n]?.stamp
                    let key = CorpusLoader.join(corpus, file.relativePath)
                    var bytes: [UInt8] = []
                    var fingerprint: String?
                    let sameStamp = known[key].map { stamp != nil && $0.stamp == stamp } ?? false
                    if !sameStamp {
                        do throws(CorpusError) {
                            if let read = prepared.bytes {
                                bytes = try read.get()
                            } else {
                                bytes = try CorpusLoader.read(file)
                            }
                        } catch {
                            errors.append(error)
                            continue
                        }
                        fingerprint = prepared.fingerprint ?? CorpusLoader.fingerprint(bytes)
                    }
                    if let old = known[key], slugs[old.slug] == nil, sameStamp || old.fingerprint == fingerprint {
                        if !sameStamp, let stamp {
                            try db.execute(
                                sql: "UPDATE document SET stamp = ? WHERE id = ?", arguments: [stamp, old.id])
                        }
                        known.removeValue(forKey: key)
                        slugs[old.slug] = file.path
                        report.documents += 1
                        report.unchanged += 1
                        // A statement prepared once, not for each of a thousand unchanged documents
                        // (user CPU of a re-index at 100 MB 40 → 34 ms, means of 16).
                        report.sections +=
                            try Int.fetchOne(
                                db.cachedStatement(sql: "SELECT COUNT(*) FROM section WHERE documentId = ?"),
                                arguments: [old.id]) ?? 0
                        continue
                    }
                    if bytes.isEmpty, sameStamp {
                        // Recorded as unchanged but claimed by another file's slug: read it after all.
                        do throws(CorpusError) { bytes = try CorpusLoader.read(file) } catch {
                            errors.append(error)
                            continue
                        }
                    }
                    let loaded: LoadedDocument
                    do throws(CorpusError) {
                        if let parsed = prepared.parsed {
                            loaded = try parsed.get()
                        } else {
                            loaded = try CorpusLoader.parse(file, bytes: bytes, fingerprint: fingerprint)
                        }
                    } catch {
                        errors.append(error)
                        continue
                    }
                    if let first = slugs[loaded.document.slug] {
                        errors.append(.duplicateSlug(slug: loaded.document.slug, first: first, second: file.path))
                        continue
                    }
                    slugs[loaded.document.slug] = file.path
                    report.documents += 1
                    report.sections += loaded.document.sections.count
                    // A path that no longer resolves as it did (a relative one recorded from
                    // another folder): the slug says it is the same document.
                    if let old = known.removeValue(forKey: key)
                        ?? keyBySlug[loaded.document.slug].flatMap({ known.removeValue(forKey: $0) })
                    {
                        changedRows += try delete(documentId: old.id, db)
                    }
                    if let terms {
                        // Only the sections' text goes through the tokenizer while it records.
                        try terms.recording { try insert(loaded, path: key, stamp: stamp ?? "", terms: terms, db) }
                    } else {
                        try insert(loaded, path: key, stamp: stamp ?? "", terms: nil, db)
                    }
                    changedRows += loaded.document.sections.count
                }
                for stale in known.values {
                    changedRows += try delete(documentId: stale.id, db)
                    report.removed += 1
                }
                if !errors.isEmpty, !options.skipInvalid { return }
                try SectionLengths.update(db)
                // The merge needs only this connection, and the lists mostly their own threads:
                // it runs while they are made (the lists read FTS5's statistics before it,
                // which are the same either way).
                let merges = !reused || report.unchanged < report.documents / 2
                // What reading wrote (the sections, FTS5's segments: most of the file) goes to
                // the disk while the lists are ranked, not in the final fsync, which waited
                // for all of it (0.13 s at 100 MB).
                let written = reused ? nil : BackgroundFlush(path: temporary)
                defer { written?.wait() }
                var state = Progress(
                    documentsDone: files.count, documentsTotal: files.count, bytesDone: bytesTotal,
                    bytesTotal: bytesTotal)
                report.listsFromTerms = try TopLists.refresh(
                    db, changedRows: changedRows, full: !reused, parameters: options.topLists, terms: terms,
                    meanwhile: {
                        // Run once the lists are scored, or at once when they are kept.
                        state.step = .writing
                        progress?(state)
                        if merges { try db.execute(sql: "INSERT INTO section_fts(section_fts) VALUES('optimize')") }
                    }
                ) { done, total in
                    state.step = .ranking
                    (state.listSectionsDone, state.listSectionsTotal) = (done, total)
                    progress?(state)
                }
            }
            guard errors.isEmpty || options.skipInvalid else { throw IndexError.corpus(errors) }
            try queue.writeWithoutTransaction { db in
                // FTS5's defaults, kept in the file, for the incremental builds that start from
                // it; set only after the commit, at which FTS5 writes out the postings it still
                // holds: it would merge them by these.
                if !reused { try configureMerging(automerge: 4, crisismerge: 16, hashsize: 1 << 20, db) }
                // A full build hands over a compact file. Merging FTS5's segments frees the old
                // ones' pages, and the top lists, written after, mostly reuse them (none were
                // left at 100 MB): VACUUM, a copy of the whole file (0.8 s there), only when a
                // twentieth of the file is still free.
                if !reused,
                    try Int.fetchOne(db, sql: "PRAGMA freelist_count")! * 20
                        > Int.fetchOne(db, sql: "PRAGMA page_count")!
                {
                    try db.execute(sql: "VACUUM")
                }
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try queue.close()
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError {
            throw map(error, path: path)
        } catch {
            throw .cannotWrite(path: path)
        }
        report.skipped = errors
        return report
    }

    /// Inserts a document and its sections; `terms`, recording what the tokenizer reads, is
    /// told where each section ends.
    private static func insert(
        _ loaded: LoadedDocument, path: String, stamp: String, terms: SectionTerms?, _ db: Database
    ) throws {
        let document = loaded.document
        // Keys sorted: the same corpus then gives the same file, byte for byte.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let metadata = String(decoding: try encoder.encode(document.metadata), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO document(slug, title, path, fingerprint, stamp, metadata, words)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                document.slug, document.title, path, loaded.fingerprint, stamp, metadata, document.words,
            ])
        let documentId = db.lastInsertedRowID
        let insertSection = try RowInsert(
            """
            INSERT INTO section(documentId, position, number, title, level, parentPosition, body, words)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, db)
        let insertText = try RowInsert("INSERT INTO section_fts(rowid, title, body) VALUES (?, ?, ?)", db)
        for (position, section) in document.sections.enumerated() {
            try insertSection.run {
                $0.add(documentId)
                $0.add(position)
                $0.add(section.number)
                $0.add(section.title)
                $0.add(section.level)
                $0.add(section.parent)
                $0.add(section.text)
                $0.add(section.words)
            }
            let id = db.lastInsertedRowID
            try insertText.run {
                $0.add(id)
                $0.add(section.title)
                $0.add(section.text)
            }
            terms?.endSection(id: id, titleBytes: section.title.utf8.count, bodyBytes: section.text.utf8.count)
        }
    }

    private static func configureMerging(automerge: Int, crisismerge: Int, hashsize: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO section_fts(section_fts, rank) VALUES('automerge', \(automerge));
                INSERT INTO section_fts(section_fts, rank) VALUES('crisismerge', \(crisismerge));
                INSERT INTO section_fts(section_fts, rank) VALUES('hashsize', \(hashsize))
                """)
    }

    /// Removes a document and its sections; returns how many sections it had.
    private static func delete(documentId: Int64, _ db: Database) throws -> Int {
        // An external-content FTS5 table must be told the old text to forget it.
        try db.execute(
            sql: """
                INSERT INTO section_fts(section_fts, rowid, title, body)
                SELECT 'delete', id, title, body FROM section WHERE documentId = ?
                """, arguments: [documentId])
        try db.execute(sql: "DELETE FROM section WHERE documentId = ?", arguments: [documentId])
        let sections = db.changesCount
        try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [documentId])
        return sections
    }

    private static func syncAndRename(_ temporary: String, to path: String) throws(IndexError) {
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        guard rename(temporary, path) == 0 else {
            throw errno == ENOSPC ? .diskFull(path: path) : .cannotWrite(path: path)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }

    /// Removes what builds killed outright (kill -9, power loss) left behind.
    private static func removeStaleTemporaries(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent + ".building-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)
        else { return }
        for name in names where name.hasPrefix(base) {
            guard let pid = Int32(name.dropFirst(base.count)) else { continue }
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (directory.isEmpty ? "." : directory) + "/" + name)
            }
        }
    }

    static func map(_ error: DatabaseError, path: String) -> IndexError {
        switch error.resultCode {
        case .SQLITE_FULL: .diskFull(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR: .cannotWrite(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: .notAnIndex(path: path)
        case .SQLITE_INTERRUPT: .interrupted
        default: .failed(path: path, code: error.resultCode.rawValue)
        }
    }
}

/// An `fsync` of a file on another thread, waited for before the file is renamed.
final class BackgroundFlush: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        let fd = open(path, O_RDONLY)
        DispatchQueue.global(qos: .utility).async { [done] in
            if fd >= 0 {
                fsync(fd)
                close(fd)
            }
            done.signal()
        }
    }

    func wait() { done.wait() }
}
