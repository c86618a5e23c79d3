/// Greedy word wrapping by characters, for terminals and printouts.
public enum Wrapping {
    /// Wraps `text` to `width` columns; continuation lines start with `indent`.
    ///
    ///     Wrapping.wrap("một hai ba", width: 7)  // ["một hai", "ba"]
    public static func wrap(_ text: String, width: Int, firstPrefix: String = "", indent: String = "") -> [String] {
        let width = max(width, firstPrefix.count + 10, indent.count + 10)
        var lines: [String] = []
        var current = firstPrefix
        var currentHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let needed = visible(current) + (currentHasWord ? 1 : 0) + visible(word)
            if currentHasWord, needed > width {
                lines.append(current)
                current = indent + word
            } else {
                current += (currentHasWord ? " " : "") + word
            }
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Columns a string takes: control characters (used as highlight markers) take none.
    static func visible(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.filter { $0.value >= 0x20 }.count
            - text.unicodeScalars.filter { (0x300...0x36F).contains($0.value) }.count
    }
}
