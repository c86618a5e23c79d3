/// The `---` block of `key: value` lines that may open a document.
///
///     ---
///     title: Quy trình sinh hoạt chi bộ
///     kind: procedure
///     ---
enum FrontMatter {
    /// Splits the metadata from the lines that follow it; `bodyStart` is the index of the first body line.
    static func parse(_ lines: [Substring], path: String) throws(CorpusError) -> (
        entries: [MetadataEntry], bodyStart: Int
    ) {
        guard let first = lines.first, first.trimmingWhitespace() == "---" else { return ([], 0) }
        var entries: [MetadataEntry] = []
        for index in 1..<lines.count {
            let line = lines[index].trimmingWhitespace()
            if line == "---" { return (entries, index + 1) }
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw .badFrontMatter(path: path, line: index + 1, reason: "thiếu dấu \":\" giữa tên và giá trị")
            }
            let key = line[..<colon].trimmingWhitespace()
            var value = line[line.index(after: colon)...].trimmingWhitespace()
            if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                value = String(value.dropFirst().dropLast())
            }
            guard !key.isEmpty else {
                throw .badFrontMatter(path: path, line: index + 1, reason: "thiếu tên trước dấu \":\"")
            }
            entries.append(MetadataEntry(key: key, value: value))
        }
        throw .badFrontMatter(path: path, line: 1, reason: "không có dòng \"---\" đóng")
    }
}

extension StringProtocol {
    /// Without leading and trailing white space (ASCII, no-break and other Unicode spaces).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let end = scalars.index(after: scalars.lastIndex(where: { !$0.isSpace })!)
        return String(self[start..<end])
    }
}

extension Unicode.Scalar {
    /// White space, with the ASCII cases answered without a property lookup (a hot path).
    var isSpace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: true
        case 0..<0x80: false
        // Unicode's other white space, listed so that letters need no property lookup.
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
