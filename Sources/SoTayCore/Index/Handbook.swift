import Foundation
import GRDB

/// A document as listed: its totals and metadata.
public struct DocumentSummary: Sendable, Equatable, Codable {
    public var doc: String
    public var title: String
    public var words: Int
    public var readingMinutes: Int
    public var metadata: [MetadataEntry]

    public func metadata(_ key: String) -> String? {
        metadata.first { $0.key.lowercased() == key.lowercased() }?.value
    }
}

/// A section with its subsections, as `read` shows it.
public struct SectionTree: Sendable, Equatable, Codable {
    public var doc: String
    public var section: String
    public var title: String
    public var level: Int
    /// Breadcrumb: document title, then the titles of the ancestors, then this title.
    public var path: [String]
    public var text: String
    /// Syllables of this section and its subsections.
    public var words: Int
    public var readingMinutes: Int
    public var children: [SectionTree]
}

extension SectionTree {
    /// This section and all below it, in reading order.
    public var flattened: [SectionTree] { [self] + children.flatMap(\.flattened) }
}

/// A document's tree of sections, as `outline` shows it.
public struct Outline: Sendable, Equatable, Codable {
    public struct Entry: Sendable, Equatable, Codable {
        public var section: String
        public var title: String
        public var level: Int
        public var words: Int
        public var readingMinutes: Int
        public var children: [Entry]
    }

    public var doc: String
    public var title: String
    public var words: Int
    public var readingMinutes: Int
    public var sections: [Entry]
}

/// One search hit.
public struct SearchResult: Sendable, Equatable, Codable {
    public var doc: String
    public var section: String
    public var title: String
    public var path: [String]
    public var snippet: Snippet
    public var readingMinutes: Int

    enum CodingKeys: String, CodingKey {
        case doc, section, title, path, snippet, marks, readingMinutes
    }

    public init(doc: String, section: String, title: String, path: [String], snippet: Snippet, readingMinutes: Int) {
        self.doc = doc
        self.section = section
        self.title = title
        self.path = path
        self.snippet = snippet
        self.readingMinutes = readingMinutes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        doc = try c.decode(String.self, forKey: .doc)
        section = try c.decode(String.self, forKey: .section)
        title = try c.decode(String.self, forKey: .title)
        path = try c.decode([String].self, forKey: .path)
        readingMinutes = try c.decode(Int.self, forKey: .readingMinutes)
        let text = try c.decode(String.self, forKey: .snippet)
        let marks = try c.decode([[Int]].self, forKey: .marks)
        snippet = Snippet(text: text, marks: marks)
    }

    /// `snippet` is the plain text; `marks` holds the matched words as UTF-16 [start, end) offsets.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(doc, forKey: .doc)
        try c.encode(section, forKey: .section)
        try c.encode(title, forKey: .title)
        try c.encode(path, forKey: .path)
        try c.encode(snippet.text, forKey: .snippet)
        try c.encode(snippet.marks, forKey: .marks)
        try c.encode(readingMinutes, forKey: .readingMinutes)
    }
}

/// Where a section number was found, for asking the user to choose.
public struct SectionReference: Sendable, Equatable, Codable {
    public var doc: String
    public var section: String
    public var title: String
    public var path: [String]
}

/// What a read can fail on besides the index itself.
public enum LookupError: Error, Equatable, Sendable, UserFacingError {
    /// How many places an ambiguous number lists before it says how many more there are.
    static let listedCandidates = 20

    case noDocument(String, available: [String])
    case noSection(String, doc: String?)
    case ambiguous(String, candidates: [SectionReference])

    public var message: String {
        switch self {
        case .noDocument(let slug, let available):
            "Không có tài liệu \"\(slug)\". Các tài liệu hiện có: \(available.joined(separator: ", "))"
        case .noSection(let number, let doc):
            "Không có mục \"\(number)\"" + (doc.map { " trong tài liệu \($0)" } ?? "")
                + ". Xem danh sách mục bằng: sotay outline"
        case .ambiguous(let number, let candidates):
            "Mục \"\(number)\" có ở nhiều nơi; hãy chọn bằng --doc:\n"
                + candidates.prefix(Self.listedCandidates)
                .map { "  --doc \($0.doc)  \($0.section). \($0.path.joined(separator: " › "))" }
                .joined(separator: "\n")
                + (candidates.count > Self.listedCandidates
                    ? "\n  … và \(candidates.count - Self.listedCandidates) nơi khác (xem: sotay outline)" : "")
        }
    }
}

/// The read side of the handbook: listing, outlines, sections and search.
public struct Handbook: Sendable {
    public let database: HandbookDatabase
    public var readingTime: ReadingTime
    /// How many BM25 candidates are re-ranked; nil ranks every match and uses no precomputed
    /// list (exhaustive, the reference the benchmark compares with).
    public var candidatePool: Int? = Handbook.defaultCandidatePool

    public init(database: HandbookDatabase, readingTime: ReadingTime = ReadingTime()) {
        self.database = database
        self.readingTime = readingTime
    }

    struct StoredDocument {
        var id: Int64
        var slug: String
        var title: String
        var words: Int
        var metadata: [MetadataEntry]

        init(row: Row) {
            id = row["id"]
            slug = row["slug"]
            title = row["title"]
            words = row["words"]
            metadata =
                (try? JSONDecoder().decode([MetadataEntry].self, from: Data((row["metadata"] as String).utf8))) ?? []
        }
    }

    struct StoredSection {
        var id: Int64
        var position: Int
        var number: String
        var title: String
        var level: Int
        var parent: Int?
        var body: String
        var words: Int

        init(row: Row) {
            id = row["id"]
            position = row["position"]
            number = row["number"]
            title = row["title"]
            level = row["level"]
            parent = row["parentPosition"]
            body = row["body"]
            words = row["words"]
        }
    }

    // MARK: Documents

    public func documents() throws -> [DocumentSummary] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM document ORDER BY slug").map { row in
                summary(StoredDocument(row: row))
            }
        }
    }

    private func summary(_ document: StoredDocument) -> DocumentSummary {
        DocumentSummary(
            doc: document.slug, title: document.title, words: document.words,
            readingMinutes: readingTime.minutes(forSyllables: document.words), metadata: document.metadata)
    }

    /// The document named by `slug`; with no slug, the only document if there is just one.
    public func document(_ slug: String?) throws -> DocumentSummary? {
        let all = try documents()
        guard let slug else { return all.count == 1 ? all[0] : nil }
        return all.first { $0.doc == slug } ?? all.first { $0.doc == Slug.make(slug) }
    }

    /// Every section of a document, in reading order.
    public func sections(of slug: String) throws -> (DocumentSummary, [SectionTree]) {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE slug = ?", arguments: [slug]) else {
                throw LookupError.noDocument(
                    slug, available: try String.fetchAll(db, sql: "SELECT slug FROM document ORDER BY slug"))
            }
            let document = StoredDocument(row: row)
            let sections = try Row.fetchAll(
                db, sql: "SELECT * FROM section WHERE documentId = ? ORDER BY position", arguments: [document.id]
            ).map(StoredSection.init)
            return (summary(document), trees(document, sections))
        }
    }

    /// Builds the nested trees of a document's sections, with breadcrumbs and subtree totals.
    private func trees(_ document: StoredDocument, _ sections: [StoredSection]) -> [SectionTree] {
        var children: [Int?: [Int]] = [:]
        for section in sections { children[section.parent, default: []].append(section.position) }
        func build(_ position: Int, path: [String]) -> SectionTree {
            let section = sections[position]
            let path = path + [section.title]
            let kids = (children[position] ?? []).map { build($0, path: path) }
            let words = section.words + kids.reduce(0) { $0 + $1.words }
            return SectionTree(
                doc: document.slug, section: section.number, title: section.title, level: section.level, path: path,
                text: section.body, words: words, readingMinutes: readingTime.minutes(forSyllables: words),
                children: kids)
        }
        return (children[nil] ?? []).map { build($0, path: [document.title]) }
    }

    public func outline(_ slug: String) throws -> Outline {
        let (document, trees) = try sections(of: slug)
        func entry(_ tree: SectionTree) -> Outline.Entry {
            Outline.Entry(
                section: tree.section, title: tree.title, level: tree.level, words: tree.words,
                readingMinutes: tree.readingMinutes, children: tree.children.map(entry))
        }
        return Outline(
            doc: document.doc, title: document.title, words: document.words, readingMinutes: document.readingMinutes,
            sections: trees.map(entry))
    }

    // MARK: Sections

    /// The section numbered `number` ("1.2", "1.2.", "Điều 5", "dieu 5"; "0" or "" for the intro),
    /// in `doc` or in any document.
    ///
    /// - Throws: ``LookupError`` when no section or more than one has that number.
    public func read(_ number: String, doc: String? = nil) throws -> SectionTree {
        let wanted = Self.numberKey(number)
        // Only the documents that have such a number are loaded whole: with a library of
        // thousands of documents, reading every tree to find "1.2" would take seconds.
        let slugs =
            try doc.map { [$0] }
            ?? database.read { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT DISTINCT d.slug, s.number FROM section s JOIN document d ON d.id = s.documentId")
                return Array(Set(rows.filter { Self.numberKey($0["number"]) == wanted }.map { $0["slug"] as String }))
                    .sorted()
            }
        var found: [SectionTree] = []
        for slug in slugs {
            let (_, trees) = try sections(of: slug)
            found += trees.flatMap(\.flattened).filter { Self.numberKey($0.section) == wanted }
        }
        guard !found.isEmpty else { throw LookupError.noSection(number, doc: doc) }
        guard found.count == 1 else {
            throw LookupError.ambiguous(
                number,
                candidates: found.map {
                    SectionReference(doc: $0.doc, section: $0.section, title: $0.title, path: $0.path)
                })
        }
        return found[0]
    }

    /// Section numbers compare without case, marks, or a trailing dot; the intro answers to "0".
    static func numberKey(_ number: String) -> String {
        let key = Folding.fold(number)
        if key.isEmpty || key == "0" || key == "gioi thieu" || key == "intro" { return "" }
        return key
    }

    // MARK: Search

    /// How many BM25 candidates are re-ranked; enough that adjacency and diacritics can lift
    /// the right section from well below the top ten.
    public static let defaultCandidatePool = 200

    /// Ranked results for a parsed query.
    public func search(_ query: SearchQuery, limit: Int = 10) throws -> [SearchResult] {
        try database.read { db in
            // The exhaustive reference reads prefixes as typed, so tests compare the two.
            let query = candidatePool == nil ? query : try WholeWordPrefixes.closing(query, db)
            if candidatePool != nil, let ids = try TopLists.rows(for: query, limit: max(1, limit), db) {
                return try ids.map { try result(for: $0, query: query, db) }
            }
            if candidatePool != nil, let ids = try PhraseSearch.ids(for: query, limit: max(1, limit), db) {
                return try ids.map { try result(for: $0, query: query, db) }
            }
            if candidatePool != nil,
                let ranked = try PrefixSearch.listed(
                    for: query, limit: max(1, limit), rowCount: { try rowCount($0, db) }, db)
                    ?? PrefixSearch.ranked(for: query, limit: max(1, limit), rowCount: { try rowCount($0, db) }, db)
            {
                return try ranked.prefix(max(1, limit)).map { try result(for: $0.candidate.id, query: query, db) }
            }
            // The exhaustive reference ranks every match with FTS5's bm25() and the ranker.
            // Searches pass the phrases' row counts and the adjacency to sotay_rank, whose
            // order is final unless marks were typed (see RankFunction).
            let exhaustive = candidatePool == nil
            let ordered = !exhaustive && Ranker.isOrderedByFTS(query)
            let phrases = query.clauses.flatMap { $0 }
            let rank =
                exhaustive
                ? "section_fts.rank"
                : "\(RankFunction.name)(section_fts, ?\(String(repeating: ", ?", count: phrases.count)))"
            let counts = exhaustive ? [] : try phrases.map { try rowCount($0, db) }
            let fetched: Int =
                ordered || Ranker.isPlainBM25(query) ? max(1, limit) : candidatePool ?? -1
            let hits =
                try
                (exhaustive
                ? nil : ChainSearch.hits(for: query, counts: counts, fetched: fetched, limit: max(1, limit), db))
                ?? Row.fetchAll(
                    // Cached: preparing a statement (and GRDB's authorizer) costs as much as running it.
                    db.cachedStatement(
                        sql: """
                            WITH hit AS (
                                SELECT rowid AS id, \(rank) AS score FROM section_fts
                                WHERE section_fts MATCH ? ORDER BY \(exhaustive ? "rank" : "score, rowid") LIMIT ?)
                            SELECT s.id, s.documentId, s.position, s.title, \(ordered ? "''" : "s.body") AS body, hit.score
                            FROM hit JOIN section s ON s.id = hit.id ORDER BY hit.score, hit.id
                            """),
                    arguments: StatementArguments(
                        (exhaustive ? [] : [query.adjacencySpec] + counts) + [query.ftsPattern, fetched])
                ).map(Hit.init(row:))
            if ordered {
                return try hits.map { try result(for: $0.id, query: query, db) }
            }
            let candidates = hits.map { hit in
                Ranker.Candidate(
                    id: hit.id, title: hit.title, body: hit.body, bm25: hit.score,
                    order: Int(hit.documentId) * 1_000_000 + hit.position)
            }
            let ranked = Ranker.rank(candidates, for: query).prefix(max(1, limit))
            return try ranked.map { scored in try result(for: scored.candidate.id, query: query, db) }
        }
    }

    /// For a search of `text` that found nothing: the same search with its last word read as
    /// the beginning of a word ("bao lu" → "bao lu*"), when that finds something, so a front
    /// end can offer it; nil otherwise, or when the last word is read as typed either way.
    public func unfinished(_ text: String, searched: SearchQuery) -> SearchQuery? {
        guard let begun = try? SearchQuery.parse(text, lastWordPartial: true), begun != searched,
            (try? search(begun, limit: 1))?.isEmpty == false
        else { return nil }
        return begun
    }

    /// How many sections hold a word or phrase: recorded with the top lists for frequent
    /// words and pairs and for short prefixes, counted by FTS5 for the others (quick, since
    /// they are not frequent).
    func rowCount(_ term: SearchQuery.Term, _ db: Database) throws -> Int {
        if !term.isPrefix, term.tokens.count <= 2,
            let recorded = try TopLists.recordedMatches(term.tokens.map(\.folded), db)
        {
            return recorded
        }
        if term.isPrefix, term.tokens.count == 1,
            let recorded = try TopLists.recordedPrefixMatches(term.tokens[0].folded, db)
        {
            return recorded
        }
        return try Int.fetchOne(
            db.cachedStatement(sql: "SELECT count(*) FROM section_fts WHERE section_fts MATCH ?"),
            arguments: [term.ftsPhrase])!
    }

    private func result(for id: Int64, query: SearchQuery, _ db: Database) throws -> SearchResult {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT d.slug, d.title AS documentTitle, s.*
                    FROM section s JOIN document d ON d.id = s.documentId WHERE s.id = ?
                    """), arguments: [id])!
        let section = StoredSection(row: row)
        let documentId: Int64 = row["documentId"]
        // The breadcrumb walks up the parents, a row each; the subtree is the run of deeper
        // sections that follows, read until the next section at this level or above.
        var path = [section.title]
        var parent = section.parent
        while let position = parent,
            let up = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT title, parentPosition FROM section WHERE documentId = ? AND position = ?"),
                arguments: [documentId, position])
        {
            path.insert(up["title"], at: 0)
            parent = up["parentPosition"]
        }
        path.insert(row["documentTitle"], at: 0)
        var subtree = section.words
        let following = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT level, words FROM section WHERE documentId = ? AND position > ? ORDER BY position"),
            arguments: [documentId, section.position])
        while let next = try following.next(), (next["level"] as Int) > section.level {
            subtree += next["words"] as Int
        }
        let snippetSource = section.body.isEmpty ? section.title : section.body
        return SearchResult(
            doc: row["slug"], section: section.number, title: section.title, path: path,
            snippet: Snippet.make(from: snippetSource, query: query),
            readingMinutes: readingTime.minutes(forSyllables: subtree))
    }
}
