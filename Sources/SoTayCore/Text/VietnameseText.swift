import Foundation

/// Normalisation of incoming text and the diacritic-exact comparison key.
public enum VietnameseText {
    /// Tone marks, as combining characters after NFD: huyền, sắc, ngã, hỏi, nặng.
    static let toneMarks: [Unicode.Scalar: Int] = [
        "\u{0300}": 1, "\u{0301}": 2, "\u{0303}": 3, "\u{0309}": 4, "\u{0323}": 5,
    ]

    /// NFC, without a byte order mark, with LF line ends.
    ///
    ///     VietnameseText.normalize("\u{FEFF}hoa\u{0300}\r\n")  // "hoà\n"
    public static func normalize(_ text: String) -> String {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return text.precomposedStringWithCanonicalMapping
    }

    /// A key that keeps every mark but ignores case, NFC/NFD and where the tone sits,
    /// so that "thoả", "thỏa" and "THỎA" compare equal while "đáng" and "Đảng" do not.
    ///
    ///     VietnameseText.exactKey("Thoả") == VietnameseText.exactKey("thỏa")  // true
    public static func exactKey(_ word: some StringProtocol) -> String {
        var tone = 0
        var scalars = String.UnicodeScalarView()
        for scalar in String(word).decomposedStringWithCanonicalMapping.unicodeScalars {
            if let t = toneMarks[scalar] {
                tone = t
            } else if scalar == "\u{00D0}" || scalar == "\u{00F0}" {
                scalars.append("\u{0111}")
            } else {
                scalars.append(scalar)
            }
        }
        let base = String(scalars).precomposedStringWithCanonicalMapping.lowercased()
        return tone == 0 ? base : "\(base)\(tone)"
    }

    /// Whether a word carries any mark beyond plain ASCII letters (so the user typed diacritics).
    public static func hasDiacritics(_ word: some StringProtocol) -> Bool {
        word.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic || toneMarks[$0] != nil }
            || word.unicodeScalars.contains { (0x0300...0x036F).contains($0.value) }
    }
}
