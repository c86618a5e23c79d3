import Foundation
import Testing

@testable import SoTayCore

@Suite("Folding and normalisation")
struct FoldingTests {
    @Test(
        "Every Vietnamese diacritic, đ, case and NFD fold to the same search form",
        arguments: [
            ("đường", "duong"), ("được", "duoc"), ("động", "dong"), ("Đảng", "dang"), ("ĐẢNG", "dang"),
            ("Tuỳ", "tuy"), ("Tùy", "tuy"), ("thỏa", "thoa"), ("thoả", "thoa"), ("hòa", "hoa"), ("hoà", "hoa"),
            ("thủy", "thuy"), ("thuỷ", "thuy"), ("ộ", "o"), ("Ưu", "uu"), ("ỹ", "y"), ("Ðảng", "dang"),
            ("Đảng viên dự bị", "dang vien du bi"), ("KẾT HỢP", "ket hop"),
            ("o\u{0323}\u{0302}ng", "ong"),  // NFD of "ộng": dot below before circumflex
            ("D\u{0323}u\u{031B}\u{0323}", "du"),
        ])
    func folds(input: String, expected: String) {
        #expect(Folding.fold(input) == expected)
    }

    @Test("NFD and NFC input give identical tokens")
    func nfdEqualsNFC() {
        let text = "Đảng viên được phân công chuẩn bị chuyên đề; thủy chung, hoà hợp"
        #expect(Folding.fold(text.decomposedStringWithCanonicalMapping) == Folding.fold(text))
    }

    @Test("Punctuation separates tokens, and token offsets point at the original text")
    func offsets() {
        let text = "– Cử thư ký (nếu có)."
        let tokens = Folding.tokens(in: text)
        #expect(tokens.map(\.folded) == ["cu", "thu", "ky", "neu", "co"])
        let bytes = Array(text.utf8)
        #expect(
            tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } == [
                "Cử", "thư", "ký", "nếu", "có",
            ])
    }

    @Test("General punctuation separates, from the table and on every later use alike")
    func generalPunctuation() {
        let text = "“Đảng”—viên…dự‐bị\u{2009}ok\u{200B}x\u{2060}y‰z\u{206F}w"
        let expected = "dang vien du bi ok x y z w"
        // The first scan fills the table's entries, the second reads them.
        #expect(Folding.fold(text) == expected)
        #expect(Folding.fold(text) == expected)
        // The next blocks, outside the table, keep Unicode's answer: a superscript digit is
        // part of its word, a combining mark for symbols joins its token.
        #expect(Folding.fold("x\u{2070}y m\u{20DD}") == "x\u{2070}y m")
    }

    @Test("Letters of other scripts stay searchable and numbers are tokens")
    func otherScripts() {
        #expect(Folding.fold("Nghị quyết số 12-NQ/TW năm 2024") == "nghi quyet so 12 nq tw nam 2024")
        #expect(Folding.fold("Ελλάδα") == "ελλαδα")
    }

    @Test(
        "The exact key keeps the marks but not tone placement, case or normalisation form",
        arguments: [
            ("thỏa", "thoả", true), ("Tuỳ", "tùy", true), ("HÒA", "hoà", true), ("đáng", "Đảng", false),
            ("dang", "đang", false), ("Ðảng", "đảng", true), ("ky", "kỳ", false),
        ])
    func exactKey(a: String, b: String, equal: Bool) {
        #expect(
            (VietnameseText.exactKey(a) == VietnameseText.exactKey(b.decomposedStringWithCanonicalMapping)) == equal)
    }

    @Test("Normalising removes a BOM, turns CRLF into LF and composes NFD")
    func normalize() {
        #expect(VietnameseText.normalize("\u{FEFF}Ho\u{0300}a\r\nx\ry") == "Hòa\nx\ny")
    }

    @Test(
        "Carriage returns and combining marks are found, and precomposed letters are not marks",
        arguments: [
            ("abc", false, false), ("a\r\nb", true, false), ("ho\u{0300}a", false, true),
            ("Đảng ặc ể ữ ỹ", false, false), ("x\u{1AB0}", false, true), ("x\u{1DC0}", false, true),
            ("x\u{20D0}", false, true), ("x\u{FE20}", false, true), ("x\u{2003}y\u{FE30}", false, false),
            ("a\u{0323}\r", true, true),
        ])
    func lineEndsAndMarks(text: String, hasCR: Bool, hasMarks: Bool) {
        let found = Array(text.utf8).withUnsafeBufferPointer(VietnameseText.scan)
        #expect(found.hasCR == hasCR && found.hasMarks == hasMarks)
    }

    @Test(
        "Typed diacritics are detected",
        arguments: [("dang", false), ("đang", true), ("Tuỳ", true), ("ho\u{0300}a", true), ("1.2", false)])
    func diacritics(word: String, has: Bool) {
        #expect(VietnameseText.hasDiacritics(word) == has)
    }
}

@Suite("Reading time")
struct ReadingTimeTests {
    @Test(
        "Syllables are space-separated words with a letter",
        arguments: [
            ("– Cử thư ký (nếu có).", 5), ("1.1. Phần mở đầu", 3), ("", 0), ("— – 12 ;", 0), ("a\tb\nc", 3),
            // Unicode's other spaces separate too; letters outside ASCII and Latin count.
            ("Đảng\u{00A0}viên\u{2003}dự\u{3000}bị", 4), ("ặ \u{1D400}x ① 𝟙", 2), ("ho\u{0300}a – 3", 1),
        ])
    func syllables(text: String, count: Int) {
        #expect(ReadingTime.syllables(in: text) == count)
        // A slice of a longer string is counted alike.
        #expect(ReadingTime.syllables(in: ("x " + text + " y").dropFirst(2).dropLast(2)) == count)
    }

    @Test("Syllables over bytes count what splitting on Unicode's spaces counts, on generated text")
    func syllablesGenerated() {
        // The reference: words between white space (Unicode's property), those with a letter.
        func reference(_ text: String) -> Int {
            text.unicodeScalars.split { $0.properties.isWhitespace }
                .filter { $0.contains { $0.properties.isAlphabetic && $0.properties.numericType == nil } }.count
        }
        let pool = [
            "a", "Đ", "ặ", "ư\u{0301}", " ", "  ", "\t", "\n", "\u{00A0}", "\u{2003}", "\u{3000}", "–", "—", "(1)",
            "12",
            "①", "𝟙", "\u{1D400}", "“", "”", ".", "…", "\u{2070}", "Ω", "й", "中", "\u{1EF9}", "\u{0300}",
        ]
        var numbers = SeededNumbers(state: 11)
        for _ in 0..<300 {
            let text = (0..<numbers.next(40)).map { _ in pool[numbers.next(pool.count)] }.joined()
            #expect(ReadingTime.syllables(in: text) == reference(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test(
        "Minutes round up and are at least one", arguments: [(0, 1), (1, 1), (200, 1), (201, 2), (930, 5), (1350, 7)])
    func minutes(syllables: Int, minutes: Int) {
        #expect(ReadingTime(rate: 200).minutes(forSyllables: syllables) == minutes)
    }

    @Test("The rate can be changed")
    func rate() {
        #expect(ReadingTime(rate: 100).minutes(forSyllables: 930) == 10)
    }

    @Test("The real procedure reads in 5 minutes, not the published 7")
    func realDocumentMinutes() {
        #expect((880...960).contains(realDocument.words))
        #expect(ReadingTime().minutes(forSyllables: realDocument.words) == 5)
        #expect(realDocument.metadata("published-reading-time") == "7 phút")
    }
}

@Suite("Wrapping")
struct WrappingTests {
    @Test("Lines break between words and continuation lines are indented")
    func wraps() {
        let lines = Wrapping.wrap(
            "một hai ba bốn năm sáu bảy tám chín mười", width: 16, firstPrefix: "– ", indent: "  ")
        #expect(lines == ["– một hai ba bốn", "  năm sáu bảy", "  tám chín mười"])
        #expect(lines.allSatisfy { $0.count <= 16 })
    }
}

@Suite("The fold table's data")
struct FoldTableDataTests {
    @Test("Every entry of the Latin fold data matches Foundation's canonical decomposition")
    func matchesFoundation() {
        for (first, folds) in FoldTable.latinFolds {
            for (offset, byte) in folds.utf8.enumerated() {
                let scalar = Unicode.Scalar(first + UInt32(offset))!
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first!
                let lowered = base.properties.lowercaseMapping
                if byte == UInt8(ascii: ".") {
                    let isFoldable =
                        lowered.count == 1 && lowered.unicodeScalars.first!.isASCII
                        && lowered.unicodeScalars.first!.properties.isAlphabetic && scalar.properties.isAlphabetic
                    #expect(
                        !isFoldable || "đĐÐð".unicodeScalars.contains(scalar),
                        "U+\(String(first + UInt32(offset), radix: 16))")
                } else if !"đĐÐð".unicodeScalars.contains(scalar) {
                    #expect(lowered == String(UnicodeScalar(byte)), "U+\(String(first + UInt32(offset), radix: 16))")
                }
            }
        }
    }

    @Test("Every Vietnamese letter, in both cases, folds to one ASCII letter")
    func vietnamese() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        for letter in letters.unicodeScalars {
            for scalar in [letter] + String(letter).uppercased().unicodeScalars {
                guard case .ascii(let byte) = FoldTable.shared.classify(scalar.value) else {
                    Issue.record("\(scalar) does not fold to ASCII")
                    continue
                }
                #expect("aeiouyd".utf8.contains(byte))
            }
        }
    }
}
