import Foundation
import SoTayCore

/// Picks the rare word of the whole-process benchmark: a synthetic syllable from the tail of
/// the vocabulary that occurs in at least one and at most three documents of the corpus.
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
        return counts.filter { (1...3).contains($0.value) }.keys.sorted().first ?? "zzz"
    }
}
