import Foundation

/// How often a section holds each of some folded tokens, and each given run of them
/// (indices into `tokens`, one after the other: a pair, a phrase), with the title's
/// weight, and its length in tokens: what BM25 and the adjacency of ``RankFunction``
/// need of it.
struct TokenCounts {
    var frequency: [Double]
    var runs: [Double]
    var length = 0.0

    /// The distinct words of `tokens` (folded, a query's), and each token's place among them:
    /// a word typed twice ("cấp ủy cấp ủy") is counted once and stands in several runs.
    static func words(_ tokens: [String]) -> (words: [[UInt8]], places: [Int]) {
        var words: [[UInt8]] = []
        let places = tokens.map { token -> Int in
            let bytes = Array(token.utf8)
            if let known = words.firstIndex(of: bytes) { return known }
            words.append(bytes)
            return words.count - 1
        }
        return (words, places)
    }

    /// With `asPrefixes`, a word counts for each token it begins with, as FTS5 counts a prefix.
    init(_ tokens: [[UInt8]], runs wanted: [[Int]] = [], asPrefixes: Bool = false, title: Data, body: Data) {
        self =
            title.withUnsafeBytes { title in
                body.withUnsafeBytes { body in
                    TokenCounts(
                        tokens, runs: wanted, asPrefixes: asPrefixes, title: title.bindMemory(to: UInt8.self),
                        body: body.bindMemory(to: UInt8.self))
                }
            }
    }

    /// The same, of a title's and a body's UTF-8 (``SectionText``'s bytes).
    init(
        _ tokens: [[UInt8]], runs wanted: [[Int]] = [], asPrefixes: Bool = false, title: UnsafeBufferPointer<UInt8>,
        body: UnsafeBufferPointer<UInt8>
    ) {
        frequency = Array(repeating: 0, count: tokens.count)
        runs = Array(repeating: 0, count: wanted.count)
        let longest = wanted.map(\.count).max() ?? 0
        // The tokens matched by the last `longest` words read, in a ring: `recent[latest]`
        // is the word just read.
        var recent = Array(repeating: -1, count: max(1, longest))
        var latest = 0
        for (text, weight) in [(title, Schema.titleWeight), (body, Schema.bodyWeight)] {
            for n in recent.indices { recent[n] = -1 }
            Folding.scan(text) { folded, _, _ in
                length += 1
                var match = -1
                for (n, token) in tokens.enumerated()
                where (asPrefixes ? token.count <= folded.count : token.count == folded.count)
                    && token.withUnsafeBufferPointer({ $0.elementsEqual(folded.prefix(token.count)) })
                {
                    match = n
                    break
                }
                if match >= 0 { frequency[match] += weight }
                guard longest > 0 else { return }
                latest = latest + 1 == recent.count ? 0 : latest + 1
                recent[latest] = match
                guard match >= 0 else { return }
                for (n, run) in wanted.enumerated() where run.last == match {
                    var place = latest
                    var found = true
                    for token in run.reversed().dropFirst() {
                        place = place == 0 ? recent.count - 1 : place - 1
                        if recent[place] != token {
                            found = false
                            break
                        }
                    }
                    if found { runs[n] += weight }
                }
            }
        }
    }
}
