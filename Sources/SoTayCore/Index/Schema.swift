import GRDB

/// The layout of the index file.
///
/// Section text is stored once, in `section`; the FTS5 table is an external-content index
/// over it, so the file stays well under twice the corpus size. Documents keep the
/// fingerprint of their file, so a rebuild re-indexes only what changed. `top_list` holds the
/// precomputed first pages of frequent words and pairs (``TopLists``); section ids are never
/// reused (AUTOINCREMENT), so the sections added since the lists were made are those above
/// the lists' watermark.
enum Schema {
    /// Bumped whenever the layout or the tokenizer's output changes; older files are rebuilt.
    /// (6: the sections' lengths are stored, ``SectionLengths``.)
    static let version = 6

    /// BM25 weights: a word in a title counts ten times a word in the body.
    static let titleWeight = 10.0
    static let bodyWeight = 1.0

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE document(
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    path TEXT NOT NULL UNIQUE,
                    fingerprint TEXT NOT NULL,
                    stamp TEXT NOT NULL,
                    metadata TEXT NOT NULL,
                    words INTEGER NOT NULL
                );
                CREATE TABLE section(
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    number TEXT NOT NULL,
                    title TEXT NOT NULL,
                    level INTEGER NOT NULL,
                    parentPosition INTEGER,
                    words INTEGER NOT NULL,
                    -- Last: a long body spills onto overflow pages, which reading the columns
                    -- before it (a result's breadcrumb and reading time) then never touches.
                    body TEXT NOT NULL
                );
                CREATE INDEX section_by_document ON section(documentId, position);
                CREATE VIRTUAL TABLE section_fts USING fts5(
                    title, body, content='section', content_rowid='id', tokenize='sotay');
                INSERT INTO section_fts(section_fts, rank) VALUES('rank', 'bm25(\(titleWeight), \(bodyWeight))');
                """)
        try TopLists.create(db)
        try SectionLengths.create(db)
        try db.execute(sql: "INSERT INTO info(key, value) VALUES ('schemaVersion', ?)", arguments: [String(version)])
    }

    /// The folder the index is built from (canonical), so that a search started beside another
    /// corpus never rebuilds it from that one.
    static func record(corpus: String, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO info(key, value) VALUES ('corpus', ?)", arguments: [corpus])
    }

    /// What opening a file needs to know: whether it is an index at all, and of which layout
    /// and corpus. An index answers in one query; only a file that is not one, or one without
    /// `info`, costs a look at its tables. (GRDB's `tableExists` would load the whole schema
    /// description first, a measurable part of a one-search process.)
    struct Description {
        var isIndex: Bool
        var isCurrent: Bool
        var corpus: String?
    }

    static func describe(_ db: Database) throws -> Description {
        let rows: [Row]
        do {
            rows = try Row.fetchAll(db, sql: "SELECT key, value FROM info WHERE key IN ('schemaVersion', 'corpus')")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            let isIndex = try Bool.fetchOne(
                db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'document'")
            return Description(isIndex: isIndex == true, isCurrent: false)
        }
        var description = Description(isIndex: true, isCurrent: false)
        for row in rows {
            let value: String = row[1]
            if row[0] as String == "corpus" {
                description.corpus = value
            } else {
                description.isCurrent = value == String(version)
            }
        }
        return description
    }
}
