/// Reading time counted in syllables, the unit Vietnamese text is written in.
///
/// No adult reading speed is published for Vietnamese; Vietnamese sites and WordPress
/// plugins use 200 per minute, and so do we by default.
public struct ReadingTime: Sendable, Equatable {
    /// Syllables per minute.
    public var rate: Int

    public static let defaultRate = 200

    public init(rate: Int = ReadingTime.defaultRate) {
        self.rate = max(1, rate)
    }

    /// Space-separated words that contain a letter: "–" and "(1)" are not read as syllables.
    ///
    ///     ReadingTime.syllables(in: "– Cử thư ký (nếu có).")  // 5
    public static func syllables(in text: some StringProtocol) -> Int {
        text.utf8.withContiguousStorageIfAvailable(syllables(inUTF8:))
            ?? Array(text.utf8).withUnsafeBufferPointer(syllables(inUTF8:))
    }

    /// The count over UTF-8 bytes: every section of the library is counted as it is parsed.
    /// The code points Vietnamese text is made of (ASCII and Latin to U+036F with the
    /// combining marks, Latin Extended Additional, General Punctuation) are classed by a table
    /// made once, from ``FoldTable``'s own, at a few microseconds; only others ask Unicode.
    /// (A table of everything below U+2070 asked Unicode 8,000 times: 4.5 ms added to
    /// `sotay checklist`, which counts the syllables of its items.) The loop keeps one flag,
    /// whether the word being read has a letter, and updates it without branching on the
    /// byte, which a mix of letters and spaces makes unpredictable.
    private static func syllables(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        kinds.withUnsafeBufferPointer { kinds in
            var count = 0
            var hasLetter = 0
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                let kind: Int
                if lead < 0x80 {
                    kind = Int(kinds[Int(lead)])
                    i += 1
                } else if let (value, length) = Folding.scalar(in: bytes, at: i) {
                    kind = Self.slot(value).map { Int(kinds[$0]) } ?? Self.kind(of: value)
                    i += length
                } else {
                    // Not reached for a String's bytes, which are well-formed.
                    kind = Self.other
                    i += 1
                }
                let space = kind >> 1  // 1 for a space
                count &+= space & hasLetter
                hasLetter = (hasLetter | kind & Self.letter) & (space ^ 1)
            }
            return count + hasLetter
        }
    }

    private static let other = 0
    private static let letter = 1
    private static let space = 2
    private static func kind(of value: UInt32) -> Int {
        let scalar = Unicode.Scalar(value) ?? " "
        return scalar.isSpace ? space : scalar.isLetter ? letter : other
    }
    /// A code point's place in `kinds`: U+0000–036F, then U+1E00–206F.
    @inline(__always)
    private static func slot(_ value: UInt32) -> Int? {
        if value < 0x370 { return Int(value) }
        if value >= 0x1E00, value < 0x2070 { return 0x370 + Int(value - 0x1E00) }
        return nil
    }
    private static let kinds: [UInt8] =
        ((0..<0x370) as Range<UInt32>).map { UInt8(kind(of: $0)) }
        + ((0x1E00..<0x2070) as Range<UInt32>).map { UInt8(kind(of: $0)) }

    /// Whole minutes, rounded up, never less than one.
    ///
    ///     ReadingTime(rate: 200).minutes(forSyllables: 930)  // 5
    public func minutes(forSyllables syllables: Int) -> Int {
        max(1, (syllables + rate - 1) / rate)
    }
}

extension Unicode.Scalar {
    /// A letter, with ASCII answered without a property lookup (a hot path of ingestion).
    var isLetter: Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: FoldTable.shared.isLetter(value)
        }
    }
}
