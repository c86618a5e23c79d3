import Foundation
import Synchronization

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
        tokens(in: String(text)).map(\.folded).joined(with: " ")
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

    /// Whether a folded word is `token`, or begins with it when `token` is a prefix.
    static func word(_ word: UnsafeBufferPointer<UInt8>, matches token: [UInt8], asPrefix: Bool) -> Bool {
        asPrefix ? word.starts(with: token) : word.elementsEqual(token)
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
        FoldTable.ascii.withUnsafeBufferPointer { ascii in
            scan(bytes, table: table, ascii: ascii, emit: emit)
        }
    }

    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, table: FoldTable, ascii: UnsafeBufferPointer<UInt8>,
        emit: (UnsafeBufferPointer<UInt8>, Int, Int) -> Void
    ) {
        // The folded token is built in a buffer of its own: a token folds to at most three
        // bytes per byte of text (a code point folds to one, of up to 3 bytes), so a buffer
        // three times the text's size never overflows; on the stack for most sections.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: min(bytes.count, 1 << 16) * 3 + 4) { scratch in
            var folded = 0
            var tokenStart = -1
            var tokenEnd = 0
            var i = 0
            let count = bytes.count
            // Tokens longer than the buffer (only in texts over 64 KiB) are cut at its end.
            let capacity = scratch.count - 4

            func flush() {
                if tokenStart >= 0 {
                    if folded > 0 {
                        emit(UnsafeBufferPointer(rebasing: scratch[0..<folded]), tokenStart, tokenEnd)
                    }
                    folded = 0
                    tokenStart = -1
                }
            }

            while i < count {
                let b0 = bytes[i]
                if b0 < 0x80 {
                    // ASCII, most of the bytes of Vietnamese text: one table look-up each.
                    var byte = ascii[Int(b0)]
                    if byte == 0 {
                        flush()
                        i += 1
                        continue
                    }
                    if tokenStart < 0 { tokenStart = i }
                    // The rest of the run of ASCII letters and digits (most of a syllable) is
                    // copied here, without going back through the dispatch on each byte.
                    while true {
                        if folded < capacity {
                            scratch[folded] = byte
                            folded += 1
                        }
                        i += 1
                        guard i < count, bytes[i] < 0x80 else { break }
                        byte = ascii[Int(bytes[i])]
                        guard byte != 0 else { break }
                    }
                    tokenEnd = i
                    continue
                }
                guard let (scalar, length) = Folding.scalar(in: bytes, at: i) else {
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
                    if folded < capacity {
                        scratch[folded] = byte
                        folded += 1
                    }
                    tokenEnd = i + length
                case .other(let lowered):
                    if tokenStart < 0 { tokenStart = i }
                    if let s = Unicode.Scalar(lowered), folded < capacity {
                        for unit in UTF8.encode(s)! {
                            scratch[folded] = unit
                            folded += 1
                        }
                    }
                    tokenEnd = i + length
                }
                i += length
            }
            flush()
        }
    }
}

extension Folding {
    /// The code point of the multi-byte sequence at `i` and its length in bytes, or nil when
    /// the bytes there are not well-formed UTF-8. Shared by the scans over UTF-8 (folding,
    /// syllables), which decode only what is not ASCII.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        let b0 = bytes[i]
        let count = bytes.count
        if b0 & 0xE0 == 0xC0, i + 1 < count, bytes[i + 1] & 0xC0 == 0x80 {
            return (UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < count, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 {
            return (UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < count, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80,
            bytes[i + 3] & 0xC0 == 0x80
        {
            return (
                UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F), 4
            )
        }
        return nil
    }
}

/// What one code point contributes to a folded token.
enum FoldClass: Equatable {
    case separator
    case mark
    case ascii(UInt8)
    case other(UInt32)
}

/// A lookup table over the code points Vietnamese text is made of: ASCII, Latin-1 and Latin
/// Extended (U+0000–U+036F, combining marks included), Latin Extended Additional
/// (U+1E00–U+1EFF) and General Punctuation (U+2000–U+206F: the dashes that start list items,
/// quotes, ellipses; asking Unicode's properties for each of them was two fifths of a scan). Letters with diacritics fold by ``latinFolds``, which is data, so building
/// the table costs no Unicode decomposition at start-up; other code points ask Unicode's properties.
// Unchecked: the only stored state is a buffer allocated once and never freed or moved, whose
// slots are atomics.
final class FoldTable: @unchecked Sendable {
    static let shared = FoldTable()

    private static let lowLimit: UInt32 = 0x0370
    private static let extendedRange: ClosedRange<UInt32> = 0x1E00...0x1EFF
    private static let punctuationRange: ClosedRange<UInt32> = 0x2000...0x206F
    private static let separatorEntry: UInt32 = 0
    private static let markEntry: UInt32 = 0xFFFF_FFFF
    /// Not worked out yet: entries are filled on first use, since a search meets a hundred
    /// code points at most and Unicode's properties cost about a millisecond for all of them.
    private static let unknownEntry: UInt32 = 0xFFFF_FFFE
    private static let slots = Int(lowLimit) + extendedRange.count + punctuationRange.count
    /// What each ASCII byte folds to, 0 for a separator: the scan's fast path, a plain array
    /// since these entries are known before any text is read.
    static let ascii: [UInt8] = (0..<128).map { code in
        let folded = compute(Unicode.Scalar(UInt8(code)))
        return folded == separatorEntry || folded == markEntry ? 0 : UInt8(folded)
    }
    /// Filled with relaxed atomics: concurrent first uses compute the same value, so no lock.
    private let entries: UnsafeMutablePointer<Atomic<UInt32>>

    private init() {
        entries = .allocate(capacity: FoldTable.slots)
        for slot in 0..<FoldTable.slots { (entries + slot).initialize(to: Atomic(FoldTable.unknownEntry)) }
        for code in UInt32(0)..<0x80 {
            entries[Int(code)].store(FoldTable.compute(Unicode.Scalar(code)!), ordering: .relaxed)
        }
        for (first, text) in FoldTable.latinFolds {
            for (offset, byte) in text.utf8.enumerated() where byte != UInt8(ascii: ".") {
                entries[FoldTable.slot(first + UInt32(offset))!].store(UInt32(byte), ordering: .relaxed)
            }
        }
    }

    private static func slot(_ code: UInt32) -> Int? {
        if code < lowLimit { return Int(code) }
        if extendedRange.contains(code) { return Int(lowLimit) + Int(code - extendedRange.lowerBound) }
        if punctuationRange.contains(code) {
            return Int(lowLimit) + extendedRange.count + Int(code - punctuationRange.lowerBound)
        }
        return nil
    }

    private func entry(_ code: UInt32) -> UInt32 {
        guard let slot = FoldTable.slot(code) else {
            return Unicode.Scalar(code).map(FoldTable.compute) ?? FoldTable.separatorEntry
        }
        let known = entries[slot].load(ordering: .relaxed)
        if known != FoldTable.unknownEntry { return known }
        let computed = Unicode.Scalar(code).map(FoldTable.compute) ?? FoldTable.separatorEntry
        entries[slot].store(computed, ordering: .relaxed)
        return computed
    }

    /// What a code point without a table fold contributes: marks join their token, letters and
    /// digits are kept in lower case, the rest separates tokens.
    private static func compute(_ scalar: Unicode.Scalar) -> UInt32 {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return scalar.value
        case 0x41...0x5A: return scalar.value + 0x20
        case 0x0110, 0x0111, 0x00D0, 0x00F0: return 0x64  // Đ đ, and Ð ð from legacy conversions
        case 0..<0x80: return separatorEntry
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return markEntry
        default: break
        }
        guard properties.isAlphabetic || properties.numericType != nil else { return separatorEntry }
        // Letters of other scripts lose their marks too (Ελλάδα → ελλαδα); this slow path only
        // runs for the few such letters below U+0370 at start-up, and for text in other scripts.
        let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
        return base.properties.lowercaseMapping.unicodeScalars.first?.value ?? scalar.value
    }

    func classify(_ scalar: UInt32) -> FoldClass {
        let entry = self.entry(scalar)
        if entry == FoldTable.separatorEntry { return .separator }
        if entry == FoldTable.markEntry { return .mark }
        return entry < 0x80 ? .ascii(UInt8(entry)) : .other(entry)
    }

    /// Whether a code point is a letter (not a digit, a mark or punctuation).
    func isLetter(_ scalar: UInt32) -> Bool {
        switch classify(scalar) {
        case .ascii(let byte): byte >= UInt8(ascii: "a")
        case .other: Unicode.Scalar(scalar)?.properties.numericType == nil
        case .separator, .mark: false
        }
    }
}
