import GRDB

/// Prefixes that no longer word of the index begins with, read as the word they are.
///
/// Many Vietnamese syllables cannot be lengthened (those ending in -ng, -nh, -ch, -c, -t, -p
/// or -m), so `dang*` and `sinh hoat*`, which the web page's search box sends while the last
/// word is being typed, match the very sections `dang` and `sinh hoat` match, with the same
/// scores: FTS5 counts a prefix's rows and hits over the words it begins, here one. Read as
/// words, the top lists answer them where FTS5 would rank every match (100 MB: `đảng*` about
/// 200 ms as a prefix). The vocabulary asked is FTS5's own, as it stands: once an incremental
/// build adds a longer word, the prefix is a prefix again.
enum WholeWordPrefixes {
    /// `query` with each prefix that only its own word begins read as that word.
    static func closing(_ query: SearchQuery, _ db: Database) throws -> SearchQuery {
        guard query.clauses.contains(where: { $0.contains(where: \.isPrefix) }) else { return query }
        // A temporary table, which a read-only connection may make, once per connection; the
        // statement is kept, as the others are, so later searches do not prepare it again.
        try db.cachedStatement(
            sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sotay_vocabulary USING fts5vocab(main, 'section_fts', 'row')"
        ).execute()
        var query = query
        for c in query.clauses.indices {
            for t in query.clauses[c].indices where query.clauses[c][t].isPrefix {
                guard let prefix = query.clauses[c][t].tokens.last?.folded,
                    try !beginsLongerWord(prefix, db)
                else { continue }
                query.clauses[c][t].isPrefix = false
            }
        }
        return query
    }

    /// Whether the index holds a word that begins with `prefix` and is longer. FTS5's terms
    /// are sorted by their bytes, and no term holds a byte below 0x01 or above U+10FFFF's
    /// first: the range holds exactly those words, and the vocabulary, which counts each
    /// term it gives, stops at the range's end without counting what lies beyond.
    static func beginsLongerWord(_ prefix: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM temp.sotay_vocabulary WHERE term >= ? AND term <= ? LIMIT 1"),
            arguments: [prefix + "\u{1}", prefix + "\u{10FFFF}"]) ?? false
    }
}
