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
        var count = 0
        var inWord = false
        var hasLetter = false
        for character in text {
            if character.isWhitespace {
                if inWord, hasLetter { count += 1 }
                inWord = false
                hasLetter = false
            } else {
                inWord = true
                if character.isLetter { hasLetter = true }
            }
        }
        if inWord, hasLetter { count += 1 }
        return count
    }

    /// Whole minutes, rounded up, never less than one.
    ///
    ///     ReadingTime(rate: 200).minutes(forSyllables: 930)  // 5
    public func minutes(forSyllables syllables: Int) -> Int {
        max(1, (syllables + rate - 1) / rate)
    }
}
