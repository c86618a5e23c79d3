import Foundation

/// Normalisation of incoming text and the diacritic-exact comparison key.
public enum VietnameseText {
    /// Tone marks, as combining characters after NFD: huyền, sắc, ngã, hỏi, nặng.
    /// (A switch, not a dictionary: a dictionary's first use in a process costs more than a search.)
    static func toneMark(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x0300: 1
        case 0x0301: 2
        case 0x0303: 3
        case 0x0309: 4
        case 0x0323: 5
        default: nil
        }
    }

    /// NFC, without a byte order mark, with LF line ends.
    ///
    ///     VietnameseText.normalize("\u{FEFF}hoa\u{0300}\r\n")  // "hoà\n"
    public static func normalize(_ text: String) -> String {
        var text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // Fast paths: most material has no CR and no combining marks, and Foundation's
        // replacing and normalising are otherwise the costliest steps of ingestion.
        let (hasCR, hasMarks) =
            text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
        if hasCR {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return hasMarks ? Composition.nfc(text) : text
    }

    /// Whether UTF-8 bytes hold a carriage return, and any combining mark.
    ///
    /// Every file of a build passes here, so bytes that cannot start either (ASCII other than
    /// CR, continuation bytes, the two-byte letters below U+0300) are passed over with one
    /// comparison; only lead bytes from 0xCC up are looked at closely.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (hasCR: Bool, hasMarks: Bool) {
        var hasCR = false
        var hasMarks = false
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            i += 1
            if byte < 0xCC {
                if byte == 0x0D { hasCR = true }
                continue
            }
            let next = i < count ? bytes[i] : 0
            let third = i + 1 < count ? bytes[i + 1] : 0
            switch byte {
            // U+0300–U+036F, the combining diacritics, start with 0xCC or 0xCD.
            case 0xCC, 0xCD: hasMarks = true
            // Rarer marks: U+1AB0–1AFF and U+1DC0–1DFF (E1 AA–AB, E1 B7), U+20D0–20FF (E2 83 90+),
            // U+FE20–FE2F (EF B8 A0–AF).
            case 0xE1 where next == 0xAA || next == 0xAB || next == 0xB7: hasMarks = true
            case 0xE2 where next == 0x83 && third >= 0x90: hasMarks = true
            case 0xEF where next == 0xB8 && (0xA0...0xAF).contains(third): hasMarks = true
            default: break
            }
        }
        return (hasCR, hasMarks)
    }

    /// A key that keeps every mark but ignores case, NFC/NFD and where the tone sits,
    /// so that "thoả", "thỏa" and "THỎA" compare equal while "đáng" and "Đảng" do not.
    ///
    ///     VietnameseText.exactKey("Thoả") == VietnameseText.exactKey("thỏa")  // true
    public static func exactKey(_ word: some StringProtocol) -> String {
        let (base, tone) = exactParts(word)
        return tone == 0 ? base : "\(base)\(tone)"
    }

    /// The word without its tone, lower-cased, NFC, with every other mark (`ư`, `â`, `đ`), and
    /// its tone (0 for none): what ``exactKey(_:)`` is made of, apart, so that the beginning of
    /// a word can be compared with a word ("bả" begins "bảo", "lư" begins "lưu").
    public static func exactParts(_ word: some StringProtocol) -> (base: String, tone: Int) {
        var tone = 0
        var scalars = String.UnicodeScalarView()
        for scalar in String(word).decomposedStringWithCanonicalMapping.unicodeScalars {
            if let t = toneMark(scalar) {
                tone = t
            } else if scalar == "\u{00D0}" || scalar == "\u{00F0}" {
                scalars.append("\u{0111}")
            } else {
                scalars.append(scalar)
            }
        }
        return (String(scalars).precomposedStringWithCanonicalMapping.lowercased(), tone)
    }

    /// Whether a word carries any mark beyond plain ASCII letters (so the user typed diacritics).
    public static func hasDiacritics(_ word: some StringProtocol) -> Bool {
        // A combining mark (NFD input) counts as much as a precomposed letter; tone marks are among them.
        word.unicodeScalars.contains {
            !$0.isASCII && $0.properties.isAlphabetic || (0x0300...0x036F).contains($0.value)
        }
    }
}
