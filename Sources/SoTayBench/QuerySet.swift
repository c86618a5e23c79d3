import SoTayCore

/// Queries typed as users type them: mostly without diacritics, one to four syllables,
/// some phrases and prefixes, common and rare words.
public enum QuerySet {
    public static func make(count: Int = 200, seed: UInt64 = 42) -> [String] {
        var random = SeededRandom(seed: seed)
        let lexicon = CorpusGenerator.lexicon
        let common = Array(lexicon.prefix(60))
        let middle = Array(lexicon[60..<min(lexicon.count, 2000)])
        let rare = Array(lexicon[min(lexicon.count - 1, 5000)...])
        var queries: [String] = []
        func pick(_ list: [String]) -> String { list[random.below(list.count)] }
        func typed(_ text: String) -> String {
            // Four in five queries are typed without marks.
            random.below(5) == 0 ? text : Folding.fold(text)
        }
        while queries.count < count {
            let query: String
            switch random.below(10) {
            case 0, 1: query = typed(pick(common))
            case 2: query = typed(pick(middle))
            case 3: query = typed(pick(rare))
            case 4: query = typed(pick(common) + " " + pick(common))
            case 5: query = typed(pick(middle) + " " + pick(common))
            case 6: query = "\"" + typed(pick(common)) + "\""
            case 7:
                var word = Folding.fold(pick(middle))
                while word.count < 5 { word = Folding.fold(pick(middle)) }
                query = String(word.prefix(word.count - 2)) + "*"
            case 8: query = typed(String(pick(common).split(separator: " ").first ?? "dang"))
            default: query = typed(pick(rare) + " " + pick(common))
            }
            queries.append(query)
        }
        return queries
    }

    /// What the web page's search box sends while the queries are typed, a keystroke at a time:
    /// "d", "da", "dan", "dang", "dang ", "dang v"… Each state once, in the order first typed:
    /// the first letters of many queries are the same, and they cost the same each time.
    public static func keystrokes(of queries: [String]) -> [String] {
        var seen = Set<String>()
        var states: [String] = []
        for query in queries where !query.isEmpty {
            for end in query.indices.dropFirst() + [query.endIndex] {
                let state = String(query[..<end])
                if seen.insert(state).inserted { states.append(state) }
            }
        }
        return states
    }
}
