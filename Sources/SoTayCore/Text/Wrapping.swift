/// Greedy word wrapping by characters, for terminals and printouts.
public enum Wrapping {
    /// Wraps `text` to `width` columns; continuation lines start with `indent`.
    ///
    ///     Wrapping.wrap("một hai ba", width: 7)  // ["một hai", "ba"]
    public static func wrap(_ text: String, width: Int, firstPrefix: String = "", indent: String = "") -> [String] {
        let width = max(width, firstPrefix.count + 10, indent.count + 10)
        var lines: [String] = []
        var current = firstPrefix
        var columns = visible(firstPrefix)
        var currentHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordColumns = visible(word)
            if currentHasWord, columns + 1 + wordColumns > width {
                lines.append(current)
                current = indent
                current.append(contentsOf: word)
                columns = visible(indent) + wordColumns
            } else {
                // Appended, not `+`: String + Substring is generic (see `joined(with:)`).
                if currentHasWord { current += " " }
                current.append(contentsOf: word)
                columns += (currentHasWord ? 1 : 0) + wordColumns
            }
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Columns a string takes: control characters (used as highlight markers) take none.
    static func visible(_ text: some StringProtocol) -> Int {
        var count = 0
        for scalar in text.unicodeScalars where scalar.value >= 0x20 && !(0x300...0x36F).contains(scalar.value) {
            count += 1
        }
        return count
    }
}
