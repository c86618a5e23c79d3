extension TopLists {
    /// Which prefixes get a list of their own, and each term's prefixes among them.
    ///
    /// The web page's search box reads the word being typed as a prefix: "ch", "chi", "thu"
    /// are what every search begins with. FTS5 answers a prefix by merging the lists of every
    /// word it begins and ranking every section they hold: at 100 MB 100–230 ms a keystroke
    /// for the prefixes of common words. A prefix's score in a section is its BM25 with the
    /// hits of all those words summed, so the pass, which has each term's frequency in hand,
    /// sums them for each of the term's prefixes and keeps the best sections as it does for a
    /// word (Meilisearch likewise keeps the documents of frequent prefixes at indexing time).
    ///
    /// A prefix gets a list when at least two words begin with it (one is searched as that
    /// word, or its own list serves) and those words' sections add up to the bar pairs have
    /// (``Parameters/threshold(rows:)``): below it FTS5 is quick. Prefixes are of two letters
    /// or more; the search box reads a lone letter as a word.
    struct PrefixLists {
        /// The prefixes with lists, folded.
        private(set) var prefixes: [String] = []
        /// Each term's prefixes with lists: `ids[starts[term]..<starts[term + 1]]`.
        private(set) var starts: [Int32]
        private(set) var ids: [Int32] = []

        /// From the vocabulary as FTS5 gives it, sorted by bytes, so the words that begin with
        /// a prefix stand together, and each term's row count.
        init(terms: [String], rowsWith: [Double], threshold: Double) {
            let words = terms.map { Array($0.utf8) }
            var runs: [(start: Int, end: Int)] = []
            var found: [String] = []
            let longest = words.map(\.count).max() ?? 0
            for length in stride(from: 2, through: longest, by: 1) {
                var start = -1
                var rows = 0.0
                func close(_ end: Int) {
                    if start >= 0, end - start >= 2, rows >= threshold {
                        runs.append((start, end))
                        found.append(String(decoding: words[start][..<length], as: UTF8.self))
                    }
                    start = -1
                }
                for (term, word) in words.enumerated() {
                    // A cut inside a character is no prefix anyone types.
                    guard word.count >= length, word.count == length || word[length] & 0xC0 != 0x80 else {
                        close(term)
                        continue
                    }
                    if start >= 0, words[start][..<length] == word[..<length] {
                        rows += rowsWith[term]
                    } else {
                        close(term)
                        (start, rows) = (term, rowsWith[term])
                    }
                }
                close(words.count)
            }
            prefixes = found
            // Each term's prefixes, gathered by term.
            var counts = [Int32](repeating: 0, count: terms.count + 1)
            for run in runs {
                for term in run.start..<run.end { counts[term + 1] += 1 }
            }
            for term in 0..<terms.count { counts[term + 1] += counts[term] }
            starts = counts
            var next = counts
            ids = [Int32](repeating: 0, count: Int(counts[terms.count]))
            for (prefix, run) in runs.enumerated() {
                for term in run.start..<run.end {
                    ids[Int(next[term])] = Int32(prefix)
                    next[term] += 1
                }
            }
        }
    }
}
