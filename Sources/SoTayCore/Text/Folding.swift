import Foundation

/// The one normalisation used for indexing and for querying: case, every Vietnamese
/// diacritic (tone and shape marks), `đ/Đ` (and the legacy `Ð`), NFC or NFD input.
///
///     Folding.fold("Đảng viên dự bị")  // "dang vien du bi"
///
/// Tone placement (hòa/hoà) vanishes with the marks, so folded text never needs it.
public enum Folding {
    /// One token of a text: its folded form and where it stands in the text's UTF-8 bytes.
    public struct Token: Equatable, Sendable {
        public var folded: String
        /// Byte offsets into the UTF-8 of the scanned text, end exclusive.
        public var start: Int
        public var end: Int
    }

    /// Folds a whole string, keeping tokens separated by single spaces.
    public static func fold(_ text: some StringProtocol) -> String {
        tokens(in: String(text)).map(\.folded).joined(separator: " ")
    }

    /// The tokens of `text`, folded, with their byte ranges in `text.utf8`.
    public static func tokens(in text: String) -> [Token] {
        var result: [Token] = []
        var text = text
        text.withUTF8 { buffer in
            scan(buffer) { folded, start, end in
                result.append(Token(folded: String(decoding: folded, as: UTF8.self), start: start, end: end))
            }
        }
        return result
    }

    /// Scans UTF-8 bytes and calls `emit` with each token's folded bytes and byte range.
    ///
    /// This is the hot loop of indexing (the FTS5 tokenizer calls it for every row), so it
    /// works on bytes with a lookup table and allocates nothing per token. Invalid UTF-8
    /// bytes act as separators.
    public static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        emit: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void
    ) {
        let table = FoldTable.shared
        var folded = [UInt8]()
        folded.reserveCapacity(64)
        var tokenStart = -1
        var tokenEnd = 0
        var i = 0
        let count = bytes.count

        func flush() {
            if tokenStart >= 0 {
                if !folded.isEmpty {
                    folded.withUnsafeBufferPointer { emit($0, tokenStart, tokenEnd) }
                }
                folded.removeAll(keepingCapacity: true)
                tokenStart = -1
            }
        }

        while i < count {
            let b0 = bytes[i]
            var scalar: UInt32
            var length: Int
            if b0 < 0x80 {
                scalar = UInt32(b0)
                length = 1
            } else if b0 & 0xE0 == 0xC0, i + 1 < count, bytes[i + 1] & 0xC0 == 0x80 {
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                length = 2
            } else if b0 & 0xF0 == 0xE0, i + 2 < count, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 {
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                length = 3
            } else if b0 & 0xF8 == 0xF0, i + 3 < count, bytes[i + 1] & 0xC0 == 0x80,
                bytes[i + 2] & 0xC0 == 0x80, bytes[i + 3] & 0xC0 == 0x80
            {
                scalar = UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                    | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                length = 4
            } else {
                flush()
                i += 1
                continue
            }
            switch table.classify(scalar) {
            case .separator:
                flush()
            case .mark:
                // A combining mark (NFD input) belongs to the token it follows.
                if tokenStart >= 0 { tokenEnd = i + length }
            case .ascii(let byte):
                if tokenStart < 0 { tokenStart = i }
                folded.append(byte)
                tokenEnd = i + length
            case .other(let lowered):
                if tokenStart < 0 { tokenStart = i }
                appendUTF8(lowered, to: &folded)
                tokenEnd = i + length
            }
            i += length
        }
        flush()
    }

    private static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        guard let s = Unicode.Scalar(scalar) else { return }
        for unit in UTF8.encode(s)! { bytes.append(unit) }
    }
}

/// What one code point contributes to a folded token.
enum FoldClass: Equatable {
    case separator
    case mark
    case ascii(UInt8)
    case other(UInt32)
}

/// A table over the Latin blocks Vietnamese lives in, computed once from Unicode's own
/// decompositions, with the letters that have none (đ, Đ, Ð) added by hand.
final class FoldTable: Sendable {
    static let shared = FoldTable()

    /// Covers U+0000 to U+1FFF: Latin, Latin Extended, combining marks, Latin Extended Additional.
    private static let limit: UInt32 = 0x2000
    private let entries: [UInt32]
    private static let separatorEntry: UInt32 = 0
    private static let markEntry: UInt32 = 0xFFFF_FFFF

    private init() {
        var entries = [UInt32](repeating: FoldTable.separatorEntry, count: Int(FoldTable.limit))
        for code in 0..<FoldTable.limit {
            guard let scalar = Unicode.Scalar(code) else { continue }
            entries[Int(code)] = FoldTable.compute(scalar)
        }
        self.entries = entries
    }

    private static func compute(_ scalar: Unicode.Scalar) -> UInt32 {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return scalar.value
        case 0x41...0x5A: return scalar.value + 0x20
        case 0x0110, 0x0111, 0x00D0, 0x00F0: return 0x64  // Đ đ, and Ð ð from legacy conversions
        default: break
        }
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
            || properties.generalCategory == .enclosingMark
        {
            return markEntry
        }
        guard properties.isAlphabetic || properties.numericType != nil else { return separatorEntry }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        let base = decomposed.first ?? scalar
        let lowered = base.properties.lowercaseMapping.unicodeScalars.first ?? base
        return lowered.value
    }

    func classify(_ scalar: UInt32) -> FoldClass {
        if scalar < FoldTable.limit {
            let entry = entries[Int(scalar)]
            if entry == FoldTable.separatorEntry { return .separator }
            if entry == FoldTable.markEntry { return .mark }
            return entry < 0x80 ? .ascii(UInt8(entry)) : .other(entry)
        }
        guard let s = Unicode.Scalar(scalar) else { return .separator }
        let properties = s.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: break
        }
        guard properties.isAlphabetic || properties.numericType != nil else { return .separator }
        return .other(properties.lowercaseMapping.unicodeScalars.first?.value ?? scalar)
    }
}
