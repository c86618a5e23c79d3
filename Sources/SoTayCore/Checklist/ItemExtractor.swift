/// Turns a phase's blocks into checklist items, its responsible person and notes.
///
/// - Bullets are items. A paragraph before them ending in ":" is the lead-in that says who
///   acts; other paragraphs are guidance, printed as notes.
/// - A phase without bullets is split into sentences, one item each.
enum ItemExtractor {
    struct Extracted: Equatable {
        var responsible: String?
        var items: [Checklist.Item]
        var notes: [String]
    }

    static func extract(_ blocks: [Block], source: String) -> Extracted {
        let hasBullets = blocks.contains { if case .bullet = $0 { true } else { false } }
        var responsible: String?
        var items: [Checklist.Item] = []
        var notes: [String] = []
        var seenBullet = false
        for block in blocks {
            switch block {
            case .bullet(let text):
                seenBullet = true
                items.append(Checklist.Item(text: text, source: source, fields: FieldExtractor.fields(in: text)))
            case .paragraph(let text):
                if !seenBullet, responsible == nil, text.hasSuffix(":") {
                    responsible = actor(inLeadIn: text)
                } else if hasBullets {
                    notes.append(text)
                } else {
                    items += Sentences.split(text).map {
                        Checklist.Item(text: $0, source: source, fields: FieldExtractor.fields(in: $0))
                    }
                }
            }
        }
        return Extracted(responsible: responsible, items: items, notes: notes)
    }

    /// Verbs that end the subject of a lead-in: "Đồng chí chủ trì | cần thực hiện các công việc sau:".
    static let leadInVerbs = ["tien hanh", "can", "thuc hien", "co trach nhiem", "chiu trach nhiem", "phai", "se"]

    /// The person a lead-in names: the words before its first verb.
    static func actor(inLeadIn text: String) -> String {
        let words = text.dropLast().split(separator: " ")
        let folded = words.map { Folding.fold($0) }
        for index in 1..<max(1, words.count) {
            for verb in leadInVerbs {
                let verbWords = verb.split(separator: " ").map(String.init)
                if index + verbWords.count <= folded.count,
                    Array(folded[index..<(index + verbWords.count)]) == verbWords
                {
                    return words[..<index].joined(separator: " ")
                }
            }
        }
        return String(text.dropLast()).trimmingWhitespace()
    }
}

/// Sentence splitting that leaves brackets and abbreviations whole.
enum Sentences {
    /// Abbreviations common in Party and administrative writing, folded.
    static let abbreviations: Set<String> = [
        "tp", "tw", "ts", "ths", "pgs", "gs", "tr", "nxb", "st", "dc", "v v", "vv", "q", "p", "ttg", "qd", "nd", "nq",
        "ct",
    ]

    ///     Sentences.split("Một (a. b). Hai.")  // ["Một (a. b).", "Hai."]
    static func split(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var depth = 0
        let characters = Array(text)
        for (i, c) in characters.enumerated() {
            current.append(c)
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth = max(0, depth - 1) }
            guard depth == 0, ".!?…".contains(c) else { continue }
            // A sentence ends at punctuation followed by a space and a capital, digit or quote.
            guard i + 2 < characters.count, characters[i + 1] == " " else { continue }
            let next = characters[i + 2]
            guard next.isUppercase || next.isNumber || "\"“(".contains(next) else { continue }
            if c == ".", isAbbreviation(before: current) { continue }
            sentences.append(current.trimmingWhitespace())
            current = ""
        }
        let rest = current.trimmingWhitespace()
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }

    /// "TP." "v.v." "Đ/c." or a single initial "H." do not end a sentence.
    private static func isAbbreviation(before sentence: String) -> Bool {
        let word = sentence.dropLast().split(separator: " ").last.map(String.init) ?? ""
        let folded = Folding.fold(word)
        if abbreviations.contains(folded) { return true }
        if word.count == 1, word.first?.isUppercase == true { return true }
        return word.dropLast().contains(".") && folded.count <= 4
    }
}

/// Figures an item asks for: "… nêu rõ: Tổng số đảng viên (chính thức, dự bị); số đảng viên
/// có mặt dự họp; …" becomes one labelled blank per figure.
enum FieldExtractor {
    static func fields(in text: String) -> [Checklist.Field] {
        guard let colon = text.firstIndex(of: ":") else { return [] }
        let list = text[text.index(after: colon)...].trimmingWhitespace()
        let parts = splitOutsideBrackets(list, separators: [";"]).flatMap {
            splitOutsideBrackets($0, separators: [" và "])
        }
        .map { $0.trimmingCharacters(in: " ;.") }
        .filter { !$0.isEmpty }
        let isCount = { (part: String) in
            let folded = Folding.fold(part)
            return folded.hasPrefix("tong so ") || folded.hasPrefix("so ")
        }
        // Only a list of figures is a form to fill in; other colons are just prose.
        guard parts.count >= 2, parts.filter(isCount).count >= 2 else { return [] }
        return parts.map { part in
            var label = part
            var parts: [String] = []
            var note: String?
            if let open = part.firstIndex(of: "("), let close = part.lastIndex(of: ")"), open < close {
                let inside = part[part.index(after: open)..<close].trimmingWhitespace()
                label = (String(part[..<open]) + String(part[part.index(after: close)...])).trimmingWhitespace()
                if Folding.fold(inside).hasPrefix("ghi ro") {
                    note = inside
                } else {
                    parts = inside.split(separator: ",").map { $0.trimmingWhitespace() }
                }
            }
            return Checklist.Field(
                label: ProcedureDeriver.capitalized(label), kind: isCount(part) ? .count : .text, parts: parts,
                note: note)
        }
    }

    static func splitOutsideBrackets(_ text: String, separators: [String]) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        var index = text.startIndex
        outer: while index < text.endIndex {
            let c = text[index]
            if c == "(" { depth += 1 }
            if c == ")" { depth = max(0, depth - 1) }
            if depth == 0 {
                for separator in separators where text[index...].hasPrefix(separator) {
                    result.append(current)
                    current = ""
                    index = text.index(index, offsetBy: separator.count)
                    continue outer
                }
            }
            current.append(c)
            index = text.index(after: index)
        }
        result.append(current)
        return result
    }
}
