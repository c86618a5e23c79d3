import Foundation
import SoTayCore

/// Writes handbook-like Vietnamese material of a chosen size: documents numbered like the
/// procedure (`1.`, `1.1.`, bullets `–`), real Vietnamese words with every tone and đ, a Zipf
/// skew of common and rare words, some documents in NFD and in the other tone placement.
public struct CorpusGenerator {
    public var seed: UInt64
    public var bytes: Int
    public var documents: Int

    /// About ten documents per megabyte: 1,000 documents of ~100 KB at 100 MB.
    public init(megabytes: Double, seed: UInt64 = 20261128) {
        self.seed = seed
        self.bytes = Int(megabytes * 1_000_000)
        self.documents = max(3, Int(megabytes * 10))
    }

    /// The vocabulary in Zipf order: the curated words, then synthetic rare syllables.
    static let lexicon: [String] = {
        var random = SeededRandom(seed: 7)
        var words = Vocabulary.words
        var seen = Set(words)
        while words.count < 40_000 {
            // The tone mark follows the vowel it sits on, so NFC composes it (ồ, not ô + g + ̀).
            let syllable =
                (Vocabulary.onsets[random.below(Vocabulary.onsets.count)]
                + Vocabulary.vowels[random.below(Vocabulary.vowels.count)]
                + Vocabulary.tones[random.below(Vocabulary.tones.count)]
                + Vocabulary.codas[random.below(Vocabulary.codas.count)]).precomposedStringWithCanonicalMapping
            let word = random.below(3) == 0 ? syllable : syllable + " " + words[random.below(min(words.count, 400))]
            if seen.insert(word).inserted { words.append(word) }
        }
        return words
    }()

    /// Writes the corpus into `directory` and returns the files written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let zipf = Zipf(count: Self.lexicon.count)
        var random = SeededRandom(seed: seed)
        let perDocument = max(400, bytes / documents)
        var paths: [String] = []
        for n in 0..<documents {
            var text = document(number: n, bytes: perDocument, zipf: zipf, random: &random)
            // Some material arrives decomposed, some with the new tone placement.
            if n % 20 == 7 { text = text.decomposedStringWithCanonicalMapping }
            if n % 5 == 3 { text = newStylePlacement(text) }
            let path = directory + "/tai-lieu-\(String(format: "%04d", n)).txt"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return paths
    }

    func document(number: Int, bytes: Int, zipf: Zipf, random: inout SeededRandom) -> String {
        var out =
            "---\ntitle: Tài liệu số \(number + 1): \(capitalized(sentence(words: 5, zipf: zipf, random: &random, punctuate: false)))\n---\n"
        out += capitalized(sentence(words: 30, zipf: zipf, random: &random)) + "\n\n"
        var major = 0
        while out.utf8.count < bytes {
            major += 1
            out += "\(major). \(capitalized(sentence(words: 4, zipf: zipf, random: &random, punctuate: false)))\n\n"
            for minor in 1...(2 + random.below(3)) where out.utf8.count < bytes {
                out +=
                    "\(major).\(minor). \(capitalized(sentence(words: 3, zipf: zipf, random: &random, punctuate: false)))\n\n"
                if random.below(2) == 0 {
                    out += capitalized(sentence(words: 12, zipf: zipf, random: &random, punctuate: false)) + ":\n\n"
                }
                for _ in 0..<(2 + random.below(5)) {
                    out +=
                        "– " + capitalized(sentence(words: 8 + random.below(30), zipf: zipf, random: &random)) + "\n\n"
                }
                if random.below(3) == 0 {
                    out += capitalized(sentence(words: 40 + random.below(60), zipf: zipf, random: &random)) + "\n\n"
                }
            }
        }
        return out
    }

    func sentence(words: Int, zipf: Zipf, random: inout SeededRandom, punctuate: Bool = true) -> String {
        var parts: [String] = []
        var syllables = 0
        while syllables < words {
            let word = Self.lexicon[zipf.sample(&random)]
            parts.append(word)
            syllables += word.split(separator: " ").count
            if punctuate, random.below(12) == 0 { parts[parts.count - 1] += random.below(3) == 0 ? ";" : "," }
        }
        return parts.joined(separator: " ") + (punctuate ? "." : "")
    }

    func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Moves the tone to the second vowel of the open rhymes oa, oe, uy: hòa → hoà, thủy → thuỷ.
    func newStylePlacement(_ text: String) -> String {
        var result = text
        for (old, new) in [
            ("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"),
            ("òe", "oè"), ("óe", "oé"), ("ỏe", "oẻ"), ("õe", "oẽ"), ("ọe", "oẹ"),
            ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"),
        ] {
            result = result.replacingOccurrences(of: old, with: new)
        }
        return result
    }
}
