/// The formats the ingester reads.
public enum SourceFormat: String, Sendable {
    case plainText
    case markdown

    /// The format a file name stands for, or nil for files that are not handbook material.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".txt") {
            self = .plainText
        } else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
            self = .markdown
        } else {
            return nil
        }
    }
}

/// Splits one file's text into a document of sections.
public enum DocumentParser {
    /// Parses already-decoded text.
    ///
    ///     try DocumentParser.parse("1. Một\n– việc", slug: "x", path: "x.txt", format: .plainText)
    ///     // one section "1" titled "Một" with the bullet "– việc"
    ///
    /// - Throws: ``CorpusError`` naming the file and line of bad front matter, or a file without text.
    public static func parse(_ text: String, slug: String, path: String, format: SourceFormat) throws(CorpusError)
        -> Document
    {
        let normalized = VietnameseText.normalize(text)
        let lines = Self.lines(of: normalized)
        let (metadata, bodyStart) = try FrontMatter.parse(lines, path: path)
        let body = lines[bodyStart...].map { $0.trimmingWhitespace() }
        let declaredTitle = metadata.first { $0.key.lowercased() == "title" }?.value
        let parsed: (title: String?, sections: [Section]) =
            switch format {
            case .plainText: PlainTextParser.parse(body, declaredTitle: declaredTitle)
            case .markdown: MarkdownParser.parse(body, declaredTitle: declaredTitle)
            }
        guard !parsed.sections.isEmpty else { throw .noSections(path: path) }
        let slug = metadata.first { $0.key.lowercased() == "slug" }?.value ?? slug
        return Document(
            slug: Slug.make(slug), title: declaredTitle ?? parsed.title ?? slug, metadata: metadata,
            sections: parsed.sections)
    }

    /// The text's lines, split at LF, as slices of it. (`utf8.split` stepped the view's
    /// indices one at a time: half a second of a 100 MB build.)
    static func lines(of text: String) -> [Substring] {
        var text = text
        let breaks = text.withUTF8 { bytes in
            var found: [Int] = []
            for (offset, byte) in bytes.enumerated() where byte == 0x0A { found.append(offset) }
            return found
        }
        let utf8 = text.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for offset in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(text[start...])
        return lines
    }

    /// Whether a line is only decoration ("—–", "* * *"): no letter and no digit.
    static func isDecoration(_ line: String) -> Bool {
        // Every line is asked, and nearly all show a Latin letter or a digit in their first
        // bytes: found there, no Character is made.
        let alphanumeric = line.utf8.contains { byte in
            let lower = byte | 0x20
            return (0x61...0x7A).contains(lower) || (0x30...0x39).contains(byte)
        }
        return !alphanumeric && !line.contains { $0.isLetter || $0.isNumber }
    }
}

/// URL- and shell-friendly document names.
public enum Slug {
    ///     Slug.make("Quy trình sinh hoạt chi bộ")  // "quy-trinh-sinh-hoat-chi-bo"
    public static func make(_ text: String) -> String {
        Folding.tokens(in: text).map(\.folded).joined(separator: "-")
    }
}

enum PlainTextParser {
    static let bulletMarkers: Set<Character> = ["–", "-", "+", "•", "*", "—"]

    static func parse(_ lines: [String], declaredTitle: String?) -> (title: String?, sections: [Section]) {
        var builder = SectionBuilder()
        var title: String?
        var sawContent = false
        var previousBlank = true
        var awaitingTitle = false
        for line in lines {
            if line.isEmpty {
                previousBlank = true
                continue
            }
            if DocumentParser.isDecoration(line) { previousBlank = true; continue }
            defer { previousBlank = false; sawContent = true }
            if !sawContent, Heading.plain(line) == nil, bullet(line) == nil, line.count <= 150 {
                // The first line names the document when it says the declared title again,
                // or when no title was declared at all.
                if let declaredTitle {
                    if Folding.fold(declaredTitle) == Folding.fold(line) { title = line; continue }
                } else {
                    title = line
                    continue
                }
            }
            if let heading = Heading.plain(line) {
                builder.openSection(
                    rank: heading.rank, number: heading.number, title: heading.title, inlineBody: heading.inlineBody)
                awaitingTitle = heading.title.isEmpty
                continue
            }
            if awaitingTitle, builder.currentIsEmpty, bullet(line) == nil {
                builder.setCurrentTitle(line)
                awaitingTitle = false
                continue
            }
            awaitingTitle = false
            if let item = bullet(line) {
                builder.add(.bullet(item))
            } else if previousBlank {
                builder.add(.paragraph(line))
            } else {
                builder.continueBlock(line)
            }
        }
        return (title, builder.finish())
    }

    /// The text of a bulleted line, or nil.
    static func bullet(_ line: String) -> String? {
        // Every line is asked: its first bytes are compared before any Character is made.
        let utf8 = line.utf8
        guard let lead = utf8.first, lead == 0xE2 || bulletBytes.contains(lead) else { return nil }
        guard let first = line.first, bulletMarkers.contains(first) else { return nil }
        let rest = line.dropFirst()
        guard rest.first == " " || rest.first == "\t" else { return nil }
        let text = rest.trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    /// The ASCII markers' bytes; the others ("–", "•", "—") start with 0xE2.
    private static let bulletBytes: [UInt8] = bulletMarkers.compactMap(\.asciiValue)
}

enum MarkdownParser {
    static func parse(_ lines: [String], declaredTitle: String?) -> (title: String?, sections: [Section]) {
        let headings = lines.compactMap(atxHeading)
        let h1Count = headings.filter { $0.hashes == 1 }.count
        // A single leading "# Title" names the document rather than opening a section.
        let firstContent = lines.first { !$0.isEmpty }
        let titleIsH1 = h1Count == 1 && firstContent.flatMap(atxHeading)?.hashes == 1
        var builder = SectionBuilder()
        var title: String?
        var previousBlank = true
        var inFence = false
        for line in lines {
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                inFence.toggle()
                previousBlank = true
                continue
            }
            if line.isEmpty || (!inFence && isRule(line)) {
                previousBlank = true
                continue
            }
            defer { previousBlank = false }
            if !inFence, let heading = atxHeading(line) {
                let text = Inline.plain(heading.text)
                if titleIsH1, heading.hashes == 1 {
                    title = text
                    continue
                }
                let numbered = Heading.leadingNumber(text)
                builder.openSection(
                    rank: heading.hashes, number: numbered?.number, title: numbered?.title ?? text, inlineBody: nil)
                continue
            }
            var content = line
            while content.hasPrefix(">") { content = content.dropFirst().trimmingWhitespace() }
            if !inFence, let item = listItem(content) {
                builder.add(.bullet(Inline.plain(item)))
            } else if previousBlank || inFence {
                builder.add(.paragraph(inFence ? content : Inline.plain(content)))
            } else {
                builder.continueBlock(Inline.plain(content))
            }
        }
        return (title, builder.finish())
    }

    static func atxHeading(_ line: String) -> (hashes: Int, text: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingWhitespace()
        while text.hasSuffix("#") { text = String(text.dropLast()).trimmingWhitespace() }
        return text.isEmpty ? nil : (hashes, text)
    }

    static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        return compact.count >= 3 && (Set(compact) == ["-"] || Set(compact) == ["*"] || Set(compact) == ["_"])
    }

    /// "- item", "* item", "+ item", "1. item", "1) item" → "item".
    static func listItem(_ line: String) -> String? {
        if let bullet = PlainTextParser.bullet(line) { return bullet }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first == " " else { return nil }
        let text = rest.dropFirst(2).trimmingWhitespace()
        return text.isEmpty ? nil : text
    }
}

/// Markdown's inline syntax reduced to the text a reader sees.
enum Inline {
    static func plain(_ text: String) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            // [label](target) and ![alt](src) keep their label.
            if c == "[" || (c == "!" && text[text.index(after: index)...].first == "["),
                let link = linkLabel(text, from: c == "!" ? text.index(after: index) : index)
            {
                out += link.label
                index = link.end
                continue
            }
            if c == "`" || (c == "*" || c == "_") && isEmphasis(text, at: index) {
                index = text.index(after: index)
                continue
            }
            out.append(c)
            index = text.index(after: index)
        }
        return out
    }

    /// Emphasis markers sit at a word edge; an underscore inside a word is text.
    private static func isEmphasis(_ text: String, at index: String.Index) -> Bool {
        let before = index > text.startIndex ? text[text.index(before: index)] : " "
        let afterIndex = text.index(after: index)
        let after = afterIndex < text.endIndex ? text[afterIndex] : " "
        return !(before.isLetter && after.isLetter)
    }

    private static func linkLabel(_ text: String, from open: String.Index) -> (label: String, end: String.Index)? {
        guard let close = text[open...].firstIndex(of: "]") else { return nil }
        let afterClose = text.index(after: close)
        guard afterClose < text.endIndex, text[afterClose] == "(",
            let paren = text[afterClose...].firstIndex(of: ")")
        else { return nil }
        return (String(text[text.index(after: open)..<close]), text.index(after: paren))
    }
}
