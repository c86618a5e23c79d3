/// A short extract of a section's original, accented text around the words that matched.
public struct Snippet: Equatable, Sendable, Codable {
    public struct Part: Equatable, Sendable, Codable {
        public var text: String
        public var matched: Bool
    }

    public var parts: [Part]

    /// The extract without marks.
    public var text: String { parts.map(\.text).joined(with: "") }

    /// Ranges of matched words as UTF-16 offsets into `text`, for JavaScript clients.
    public var marks: [[Int]] {
        var offset = 0
        var result: [[Int]] = []
        for part in parts {
            let length = part.text.utf16.count
            if part.matched { result.append([offset, offset + length]) }
            offset += length
        }
        return result
    }

    /// The extract with each matched word wrapped by `open` and `close`.
    public func rendered(open: String, close: String) -> String {
        parts.map { $0.matched ? open + $0.text + close : $0.text }.joined(with: "")
    }

    /// Words of context in an extract.
    public static let window = 30

    /// Picks the window of `text` holding the most distinct query words, then the most of them
    /// standing next to each other as typed (what the ranking's adjacency rewards: "bảo lưu"
    /// for `bao lu*`, not an earlier "báo … luận"), then the earliest, and marks every word
    /// that matches.
    ///
    ///     Snippet.make(from: "Cử thư ký cuộc họp", query: try .parse("thu ky")).rendered(open: "[", close: "]")
    ///     // "Cử [thư] [ký] cuộc họp"
    public static func make(from text: String, query: SearchQuery, window: Int = Snippet.window) -> Snippet {
        // Every search makes one per result, so this works on bytes: no string per token,
        // and one sliding count of the query words in the window.
        var utf8 = Array(text.utf8)
        for i in utf8.indices where utf8[i] == 0x0A { utf8[i] = 0x20 }
        let terms = query.clauses.flatMap { $0 }
        let wanted = terms.enumerated().flatMap { t, term in
            term.tokens.enumerated().map { k, token in
                (term: t, bytes: Array(token.folded.utf8), prefix: term.isPrefix(at: k))
            }
        }
        var tokens: [(start: Int, end: Int)] = []
        var matches: [Int?] = []
        utf8.withUnsafeBufferPointer { buffer in
            Folding.scan(buffer) { folded, start, end in
                tokens.append((start, end))
                matches.append(
                    wanted.first { Folding.word(folded, matches: $0.bytes, asPrefix: $0.prefix) }?.term)
            }
        }
        var bestStart = 0
        if tokens.count > window {
            // Whether token i follows token i - 1 as the query's next term follows its own.
            func follows(_ i: Int) -> Bool {
                i > 0 && matches[i] != nil && matches[i - 1].map { $0 + 1 } == matches[i]
            }
            var inWindow = [Int](repeating: 0, count: terms.count)
            var distinct = 0
            var together = 0
            func enter(_ i: Int, first: Int) {
                if follows(i), i > first { together += 1 }
                guard let m = matches[i] else { return }
                if inWindow[m] == 0 { distinct += 1 }
                inWindow[m] += 1
            }
            for i in 0..<window { enter(i, first: 0) }
            var best = (distinct, together)
            for start in 1...(tokens.count - window) {
                if window > 1, follows(start) { together -= 1 }
                if let m = matches[start - 1] {
                    inWindow[m] -= 1
                    if inWindow[m] == 0 { distinct -= 1 }
                }
                enter(start + window - 1, first: start)
                if (distinct, together) > best {
                    best = (distinct, together)
                    bestStart = start
                }
            }
            // Lead in with a little context rather than starting on the match itself, keeping
            // the window's last match, often the one that made it best.
            let inBest = bestStart..<bestStart + window
            if bestStart > 0, let firstMatch = matches[inBest].firstIndex(where: { $0 != nil }),
                let lastMatch = matches[inBest].lastIndex(where: { $0 != nil })
            {
                bestStart = max(0, lastMatch - window + 1, min(firstMatch - 4, tokens.count - window))
            }
        }
        let end = min(tokens.count, bestStart + window)
        var parts: [Part] = []
        func append(_ bytes: ArraySlice<UInt8>, matched: Bool) {
            guard !bytes.isEmpty else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            // Words matched one after another read as one marked phrase: "**Cử thư ký**".
            if matched, parts.count >= 2, parts[parts.count - 2].matched,
                !parts[parts.count - 1].matched, parts[parts.count - 1].text.allSatisfy(\.isWhitespace)
            {
                let gap = parts.removeLast().text
                parts[parts.count - 1].text += gap + text
                return
            }
            if let last = parts.last, last.matched == matched {
                parts[parts.count - 1].text += text
            } else {
                parts.append(Part(text: text, matched: matched))
            }
        }
        guard !tokens.isEmpty else {
            return Snippet(parts: [
                Part(text: String(String(decoding: utf8, as: UTF8.self).prefix(200)), matched: false)
            ])
        }
        if bestStart > 0 { append(Array("…".utf8)[...], matched: false) }
        var cursor = bestStart == 0 ? 0 : tokens[bestStart].start
        for i in bestStart..<end {
            append(utf8[cursor..<tokens[i].start], matched: false)
            append(utf8[tokens[i].start..<tokens[i].end], matched: matches[i] != nil)
            cursor = tokens[i].end
        }
        if end == tokens.count {
            append(utf8[cursor...], matched: false)
        } else {
            append(Array(" …".utf8)[...], matched: false)
        }
        return Snippet(parts: parts)
    }
}

extension Snippet {
    /// Rebuilds a snippet from its text and UTF-16 mark ranges (the JSON form).
    public init(text: String, marks: [[Int]]) {
        let units = Array(text.utf16)
        var parts: [Part] = []
        var cursor = 0
        for mark in marks where mark.count == 2 && mark[0] >= cursor && mark[1] <= units.count && mark[0] < mark[1] {
            if mark[0] > cursor {
                parts.append(Part(text: String(decoding: units[cursor..<mark[0]], as: UTF16.self), matched: false))
            }
            parts.append(Part(text: String(decoding: units[mark[0]..<mark[1]], as: UTF16.self), matched: true))
            cursor = mark[1]
        }
        if cursor < units.count {
            parts.append(Part(text: String(decoding: units[cursor...], as: UTF16.self), matched: false))
        }
        self.init(parts: parts)
    }
}
