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
    /// ASCII bytes, most of the text, are classed by a table; only the other code points are
    /// decoded.
    private static func syllables(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        asciiKinds.withUnsafeBufferPointer { kinds in
            var count = 0
            var inWord = false
            var hasLetter = false
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                let kind: UInt8
                if lead < 0x80 {
                    kind = kinds[Int(lead)]
                    i += 1
                } else if let (value, length) = Folding.scalar(in: bytes, at: i) {
                    let scalar = Unicode.Scalar(value) ?? " "
                    kind = scalar.isSpace ? Self.space : !hasLetter && scalar.isLetter ? Self.letter : Self.other
                    i += length
                } else {
                    // Not reached for a String's bytes, which are well-formed.
                    kind = Self.other
                    i += 1
                }
                if kind == Self.space {
                    if inWord, hasLetter { count += 1 }
                    inWord = false
                    hasLetter = false
                } else {
                    inWord = true
                    if kind == Self.letter { hasLetter = true }
                }
            }
            if inWord, hasLetter { count += 1 }
            return count
        }
    }

    private static let other: UInt8 = 0
    private static let letter: UInt8 = 1
    private static let space: UInt8 = 2
    private static let asciiKinds: [UInt8] = (0..<128).map { byte in
        let scalar = Unicode.Scalar(UInt8(byte))
        return scalar.isSpace ? space : scalar.isLetter ? letter : other
    }

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
