extension SearchQuery {
    /// Parses what the user typed.
    ///
    /// With `lastWordPartial`, the query is being typed (the web page's search box): a last
    /// word not yet followed by a space is read as the beginning of a word, as search-as-you-type
    /// tools read it (Algolia's `prefixLast`, Meilisearch, Typesense), so "bao lu" already finds
    /// "bảo lưu". A quoted phrase, an exclusion, a prefix or `OR` typed last are left as they are,
    /// and so is a lone letter: every word beginning with it is no search.
    ///
    /// - Throws: ``QueryError/empty`` when nothing searchable was typed, ``QueryError/onlyExclusions(_:)``
    ///   when every term is excluded.
    public static func parse(_ input: String, lastWordPartial: Bool = false) throws(QueryError) -> SearchQuery {
        let text = VietnameseText.normalize(String(input.prefix(maximumLength)))
        var clauses: [[Term]] = []
        var excluded: [Term] = []
        var pendingOr = false
        var termCount = 0
        var truncated = input.count > maximumLength
        var chunks = chunks(text)
        if lastWordPartial, !truncated, input.last?.isWhitespace == false { readAsUnfinished(&chunks) }

        for chunk in chunks {
            if chunk.text == "OR", !chunk.quoted, !chunk.negated {
                if !clauses.isEmpty, !pendingOr { pendingOr = true; continue }
            }
            guard let term = makeTerm(chunk) else { continue }
            if termCount == maximumTerms { truncated = true; break }
            termCount += 1
            if chunk.negated {
                excluded.append(term)
            } else if pendingOr, !clauses.isEmpty {
                clauses[clauses.count - 1].append(term)
            } else {
                clauses.append([term])
            }
            pendingOr = false
        }
        if pendingOr, !clauses.isEmpty {
            // A trailing OR is a word the user typed.
            clauses.append([Term(tokens: [QueryToken(folded: "or", typed: "OR", exactKey: nil)], isPrefix: false)])
        }
        // The text as the user is shown it: without the space that may end a search box's text.
        var shown = Substring(text)
        while shown.first?.isWhitespace == true { shown.removeFirst() }
        while shown.last?.isWhitespace == true { shown.removeLast() }
        guard !clauses.isEmpty else {
            throw excluded.isEmpty ? .empty : .onlyExclusions(String(shown))
        }
        return SearchQuery(clauses: clauses, excluded: excluded, text: String(shown), truncated: truncated)
    }

    private struct Chunk {
        var text: String
        var quoted: Bool
        var negated: Bool
        var prefix: Bool
    }

    /// Splits input into space-separated chunks and closed quotations; an unclosed quote is text.
    private static func chunks(_ text: String) -> [Chunk] {
        var result: [Chunk] = []
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c.isWhitespace { index = text.index(after: index); continue }
            var negated = false
            var start = index
            if c == "-", text.index(after: index) < text.endIndex, !text[text.index(after: index)].isWhitespace {
                negated = true
                start = text.index(after: index)
            }
            if text[start] == "\"", let close = text[text.index(after: start)...].firstIndex(of: "\"") {
                var after = text.index(after: close)
                let prefix = after < text.endIndex && text[after] == "*"
                if prefix { after = text.index(after: after) }
                result.append(
                    Chunk(
                        text: String(text[text.index(after: start)..<close]), quoted: true, negated: negated,
                        prefix: prefix))
                index = after
                continue
            }
            let end = text[start...].firstIndex(where: \.isWhitespace) ?? text.endIndex
            var word = String(text[start..<end])
            let prefix = word.count > 1 && word.hasSuffix("*")
            if prefix { word.removeLast() }
            result.append(Chunk(text: word, quoted: false, negated: negated, prefix: prefix))
            index = end
        }
        return result
    }

    /// Makes the last chunk a prefix when it is a plain word: not quoted, excluded, a prefix
    /// already or `OR`, and not a lone letter or digit.
    private static func readAsUnfinished(_ chunks: inout [Chunk]) {
        guard let last = chunks.last, !last.quoted, !last.negated, !last.prefix, last.text != "OR" else { return }
        let characters = last.text.count { $0.isLetter || $0.isNumber }
        if characters > 1 || (characters == 1 && chunks.count > 1) { chunks[chunks.count - 1].prefix = true }
    }

    private static func makeTerm(_ chunk: Chunk) -> Term? {
        let tokens = Folding.tokens(in: chunk.text).map { token in
            let typed = String(decoding: Array(chunk.text.utf8)[token.start..<token.end], as: UTF8.self)
            return QueryToken(
                folded: token.folded, typed: typed,
                exactKey: VietnameseText.hasDiacritics(typed) ? VietnameseText.exactKey(typed) : nil)
        }
        guard !tokens.isEmpty else { return nil }
        return Term(tokens: tokens, isPrefix: chunk.prefix)
    }

    /// The FTS5 MATCH expression: every token is quoted, so nothing typed is read as FTS5 syntax.
    ///
    ///     try SearchQuery.parse("Đảng viên* -du").ftsPattern  // (\"dang\" AND \"vien\"*) NOT (\"du\")
    public var ftsPattern: String {
        let positive = clauses.map { clause in
            clause.count == 1 ? clause[0].ftsPhrase : "(" + clause.map(\.ftsPhrase).joined(with: " OR ") + ")"
        }.joined(with: " AND ")
        guard !excluded.isEmpty else { return positive }
        return "(" + positive + ") NOT (" + excluded.map(\.ftsPhrase).joined(with: " OR ") + ")"
    }
}

extension SearchQuery {
    /// What `sotay_rank` needs to count adjacency as ``Ranker`` does, phrases numbered as in
    /// ``ftsPattern``: "total inside i j …" — how many neighbouring pairs the chains hold, how
    /// many of them lie inside one phrase (adjacent whenever it matches), and each phrase `i`
    /// whose next phrase `i + 1` was typed right after it.
    ///
    ///     try SearchQuery.parse("cu \"thu ky\" moi").adjacencySpec  // "3 1 0 1"
    public var adjacencySpec: String {
        var total = 0
        var inside = 0
        var followed: [Int] = []
        var phrase = 0
        var previous: Int?
        for clause in clauses {
            if clause.count == 1 {
                inside += clause[0].tokens.count - 1
                total += clause[0].tokens.count - 1
                if let previous {
                    total += 1
                    followed.append(previous)
                }
                previous = phrase
            } else {
                previous = nil
            }
            phrase += clause.count
        }
        return ([total, inside] + followed).map(String.init).joined(with: " ")
    }
}

extension SearchQuery.Term {
    /// The term as one quoted FTS5 phrase, `"dang vien"` or `"dang"*`.
    var ftsPhrase: String {
        // Nothing to escape: folded tokens hold only letters and digits (``Folding``), never a quote.
        "\"" + tokens.map(\.folded).joined(with: " ") + (isPrefix ? "\"*" : "\"")
    }
}
