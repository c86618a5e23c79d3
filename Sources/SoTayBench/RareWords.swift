import Foundation
import SoTayCore

/// Picks the rare word of the whole-process benchmark: a synthetic syllable from the tail of
/// the vocabulary, present in the corpus but in as few documents as possible.
public enum RareWords {
    public static func pick(corpus: String) throws -> String {
        var counts: [String: Int] = [:]
        let lexicon = CorpusGenerator.lexicon
        let candidates = Set(lexicon[(lexicon.count / 2)...].filter { !$0.contains(" ") }.map { Folding.fold($0) })
        for file in try CorpusLoader.files(in: corpus) {
            let text = try String(contentsOfFile: file.path, encoding: .utf8)
            for word in Set(Folding.tokens(in: text).map(\.folded)) where candidates.contains(word) {
                counts[word, default: 0] += 1
            }
        }
        // The folded word in the fewest documents (folding merges tones, so few are unique).
        return counts.min { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? "zzz"
    }
}
