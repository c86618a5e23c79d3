/// A heading recognised in plain text, with the rank that orders heading styles:
/// Phần > Chương > Mục > Điều > I. > 1. > 1.1. > 1.1.1. ...
struct Heading: Equatable {
    var number: String
    var title: String
    /// Text after "Title:" on the heading line, which is the start of the section's body.
    var inlineBody: String?
    var rank: Int

    /// Heading keywords in lower case, with their ranks, as UTF-8: the text is NFC, so bytes
    /// compare as well as strings, without Unicode's canonical equivalence on every line
    /// that starts with a capital C, M, P or Đ.
    private static let keywords: [(word: [UInt8], rank: Int)] = [
        ("phần", 0), ("chương", 1), ("mục", 2), ("điều", 3), ("ðiều", 3),
    ].map { (Array($0.utf8), $1) }

    /// Recognises one line of plain text as a heading, or returns nil.
    static func plain(_ line: String) -> Heading? {
        // Most lines are text: only a digit, a Roman numeral letter or the capital of
        // Phần/Chương/Mục/Điều can start a heading.
        guard let first = line.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return arabicHeading(line)
        case UInt8(ascii: "I"), UInt8(ascii: "V"), UInt8(ascii: "X"), UInt8(ascii: "L"): return romanHeading(line)
        case UInt8(ascii: "C"): return keywordHeading(line) ?? romanHeading(line)
        case UInt8(ascii: "P"), UInt8(ascii: "M"), 0xC4, 0xC3: return keywordHeading(line)
        default: return nil
        }
    }

    /// "Chương I", "Mục 2. Tên", "Điều 5: Tên": a keyword, an identifier, then nothing or "."/":".
    private static func keywordHeading(_ line: String) -> Heading? {
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count >= 2, words[0].utf8.count <= 8, words[0].first?.isUppercase == true else { return nil }
        let lowered = words[0].lowercased().utf8
        guard let rank = keywords.first(where: { lowered.elementsEqual($0.word) })?.rank else { return nil }
        var identifier = words[1]
        var punctuated = false
        if let last = identifier.last, last == "." || last == ":" {
            identifier = identifier.dropLast()
            punctuated = true
        }
        guard isArabic(identifier) || isRoman(identifier) else { return nil }
        var rest = words.count > 2 ? String(words[2]) : ""
        if !punctuated, let first = rest.first {
            guard first == "." || first == ":" || first == "–" || first == "-" else { return nil }
            rest = rest.dropFirst().trimmingWhitespace()
        }
        let (title, body) = splitTitle(rest)
        return Heading(number: "\(words[0]) \(identifier)", title: title, inlineBody: body, rank: rank)
    }

    /// "II. Tên": upper-case Roman numerals and a dot.
    private static func romanHeading(_ line: String) -> Heading? {
        // A numeral has at most six letters: the dot is looked for there, not along the line.
        guard let dot = line.utf8.prefix(7).firstIndex(of: UInt8(ascii: ".")), dot != line.startIndex
        else { return nil }
        let numeral = line[..<dot]
        guard isRoman(numeral) else { return nil }
        let rest = line[line.index(after: dot)...]
        guard rest.first == " ", rest.trimmingWhitespace().first?.isLetter == true else { return nil }
        let (title, body) = splitTitle(rest.trimmingWhitespace())
        return Heading(number: String(numeral), title: title, inlineBody: body, rank: 4)
    }

    /// "1. Tên", "1.2. Tên", "1.2 Tên" (a single number needs its dot, so "2024 năm" is text).
    ///
    /// Numbered lines are a tenth of the library, so the numeral is read over bytes: groups
    /// of one to three digits, each closed by a dot but perhaps the last.
    private static func arabicHeading(_ line: String) -> Heading? {
        let utf8 = line.utf8
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        var parts = 0
        var digits = 0
        for byte in utf8[..<space] {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return nil }
                parts += 1
                digits = 0
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 3 else { return nil }
                digits += 1
            }
        }
        let dotted = digits == 0
        if !dotted { parts += 1 }
        guard dotted || parts > 1 else { return nil }
        let numeral = dotted ? line[..<utf8.index(before: space)] : line[..<space]
        let rest = line[line.index(after: space)...].trimmingWhitespace()
        guard let first = rest.utf8.first else { return nil }
        if first < 0x80 {
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return nil }
        } else {
            guard rest.first?.isLetter == true, rest.first?.isUppercase == true else { return nil }
        }
        let (title, body) = splitTitle(rest)
        return Heading(number: String(numeral), title: title, inlineBody: body, rank: 4 + parts)
    }

    /// "Phần mở đầu: Thực hiện như sinh hoạt định kỳ." → ("Phần mở đầu", "Thực hiện như ...").
    static func splitTitle(_ text: String) -> (String, String?) {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return (text, nil) }
        let title = text[..<colon].trimmingWhitespace()
        let body = text[text.index(after: colon)...].trimmingWhitespace()
        guard !title.isEmpty, !body.isEmpty else { return (title.isEmpty ? text : title, nil) }
        return (title, body)
    }

    static func isArabic(_ s: some StringProtocol) -> Bool {
        (1...3).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func isRoman(_ s: some StringProtocol) -> Bool {
        (1...6).contains(s.count) && s.allSatisfy { "IVXLC".contains($0) }
    }

    /// A numbering written at the start of a Markdown heading: "1.2. Tên" → ("1.2", "Tên").
    static func leadingNumber(_ text: String) -> (number: String, title: String)? {
        if let h = arabicHeading(text) ?? romanHeading(text) ?? keywordHeading(text) {
            let title = h.inlineBody.map { "\(h.title): \($0)" } ?? h.title
            return (h.number, title)
        }
        return nil
    }
}
