import Foundation
import Testing

@testable import SoTayCore

@Suite("Composing decomposed text")
struct CompositionTests {
    /// Foundation's NFC, which the fast path must always give.
    func foundation(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

    /// Every Vietnamese vowel with every tone, both cases, and đ.
    static let letters: [String] = {
        let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
        let tones = ["", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}"]
        let lower = vowels.flatMap { vowel in tones.map { (vowel + $0).precomposedStringWithCanonicalMapping } }
        return lower + lower.map { $0.uppercased() } + ["đ", "Đ"]
    }()

    @Test("Every Vietnamese letter, decomposed, composes as Foundation composes it")
    func everyLetter() {
        let nfc = Self.letters.joined(separator: " ")
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
        #expect(Composition.nfc(nfd) == nfc)
        #expect(Array(Composition.nfc(nfd).utf8) == Array(nfc.utf8))
        // The marks of "ộ" in the other order, and a tone typed after a precomposed vowel.
        #expect(Array(Composition.nfc("o\u{0323}\u{0302}ng Ðô\u{0301}c").utf8) == Array("\u{1ED9}ng Ð\u{1ED1}c".utf8))
        // NFC keeps the tone where it was typed: "hòa" and "hoà" stay apart (folding joins them).
        #expect(
            Array(Composition.nfc("thuy\u{0309} ho\u{0300}a hoa\u{0300}").utf8)
                == Array("thu\u{1EF7} h\u{00F2}a ho\u{00E0}".utf8))
    }

    @Test(
        "Lines the fast path cannot vouch for are composed by Foundation, the rest copied",
        arguments: [
            "a\u{0300}\u{2000}b\u{2001}c",  // the quads NFC turns into spaces, beside a mark
            "\u{0301}a at the start of a line",  // a mark with no letter before it
            "\u{1100}\u{1161} beside a\u{0300}",  // Hangul jamo, which compose without marks
            "и\u{0306} and α\u{0301}",  // Cyrillic and Greek letters with marks
            "a\u{0340} a\u{0344} a\u{034F}\u{0300}",  // marks NFC replaces, and the grapheme joiner
            "a\u{0323}\u{0302}\u{0301}\u{0308}\u{0300}\u{0301}",  // a cluster longer than a key
            "e\u{1DC0} x\u{20D7} y\u{FE20}",  // the rarer mark blocks
            "Ω\u{212B}\u{2126} a\u{0300}",  // singletons outside the plain ranges
            "first a\u{0300}\n\nsecond \u{2014} “e\u{0302}\u{0301}”\nlast without a line feed o\u{031B}\u{0303}",
        ])
    func fallback(text: String) {
        #expect(Composition.nfc(text) == foundation(text))
        #expect(Array(Composition.nfc(text).utf8) == Array(foundation(text).utf8))
    }

    @Test("Generated text of letters, marks, other scripts and line feeds composes as Foundation's")
    func generated() {
        let pool =
            Self.letters + Self.letters.map { $0.decomposedStringWithCanonicalMapping } + [
                "\u{0300}", "\u{0301}", "\u{0302}", "\u{0303}", "\u{0306}", "\u{0309}", "\u{031B}", "\u{0323}",
                "\u{0340}", "\u{034F}", "\u{0308}", " ", " ", "\n", "–", "\u{2000}", "\u{1100}", "\u{1161}",
                "α", "й", "\u{212B}", "x", "1", ".", "\u{1EA0}", "\u{0041}\u{030A}",
            ]
        var numbers = SeededNumbers(state: 29)
        for _ in 0..<400 {
            let text = (0..<numbers.next(60)).map { _ in pool[numbers.next(pool.count)] }.joined()
            #expect(
                Array(Composition.nfc(text).utf8) == Array(foundation(text).utf8), "\(text.unicodeScalars.map(\.value))"
            )
        }
    }
}
