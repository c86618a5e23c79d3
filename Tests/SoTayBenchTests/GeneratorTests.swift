import Foundation
import Testing

@testable import SoTayBench
@testable import SoTayCore

@Suite("The benchmark's generated material")
struct GeneratorTests {
    func generate(seed: UInt64 = 1) throws -> (String, [String]) {
        let directory = NSTemporaryDirectory() + "sotay-gen-" + UUID().uuidString
        return (directory, try CorpusGenerator(megabytes: 0.3, seed: seed).write(to: directory))
    }

    @Test("The same seed gives the same bytes; another seed other bytes")
    func deterministic() throws {
        let (a, filesA) = try generate()
        let (b, filesB) = try generate()
        let (c, filesC) = try generate(seed: 2)
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(filesA.count == 3)
        for (x, y) in zip(filesA, filesB) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: x)) == Data(contentsOf: URL(fileURLWithPath: y)))
        }
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: filesA[0])) != Data(contentsOf: URL(fileURLWithPath: filesC[0])))
    }

    @Test("It parses as handbook material: numbered sections, bullets, every tone and đ, some NFD")
    func realistic() throws {
        let directory = NSTemporaryDirectory() + "sotay-gen-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try CorpusGenerator(megabytes: 2, seed: 3).write(to: directory)
        let total = try files.reduce(0) { $0 + (try Data(contentsOf: URL(fileURLWithPath: $1))).count }
        #expect((1_800_000...2_400_000).contains(total))
        let document = try CorpusLoader.load(CorpusLoader.files(in: directory)[0]).document
        #expect(document.sections.contains { $0.number == "1.1" })
        #expect(document.sections.contains { $0.blocks.contains { if case .bullet = $0 { true } else { false } } })
        let text = try String(contentsOfFile: files[0], encoding: .utf8)
        for mark in ["à", "á", "ả", "ã", "ạ", "đ"] { #expect(text.contains(mark) || text.lowercased().contains(mark)) }
        let nfd = try Data(contentsOf: URL(fileURLWithPath: files[7]))
        #expect(String(decoding: nfd, as: UTF8.self).unicodeScalars.contains { (0x300...0x323).contains($0.value) })
    }

    @Test("The query set is deterministic, mostly unaccented, with phrases and prefixes")
    func queries() {
        let queries = QuerySet.make()
        #expect(queries == QuerySet.make())
        #expect(queries.count == 200)
        let unaccented = queries.filter { !VietnameseText.hasDiacritics($0) }.count
        #expect(unaccented > 120)
        #expect(queries.contains { $0.hasPrefix("\"") })
        #expect(queries.contains { $0.hasSuffix("*") })
        #expect(queries.allSatisfy { (try? SearchQuery.parse($0)) != nil })
    }

    @Test("Typing a query goes through every state the search box sends, each once")
    func keystrokes() {
        #expect(
            QuerySet.keystrokes(of: ["dang vien", "da", "đảng"])
                == [
                    "d", "da", "dan", "dang", "dang ", "dang v", "dang vi", "dang vie", "dang vien", "đ", "đả", "đản",
                    "đảng",
                ])
        #expect(QuerySet.keystrokes(of: [""]).isEmpty)
    }
}
