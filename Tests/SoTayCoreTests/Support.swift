import Foundation
import SoTayCore

/// Paths the tests read, found from this file so they work from any working directory.
enum Paths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("corpus").path
    static let realDocument = corpus + "/quy-trinh-sinh-hoat-chi-bo.txt"
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures").path
    static let fixtureCorpus = fixtures + "/corpus"
}

/// A fresh temporary folder per test, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "sotay-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    func write(_ name: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path + "/" + name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func copy(from directory: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            try FileManager.default.copyItem(atPath: directory + "/" + name, toPath: path + "/" + name)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

extension Document {
    func section(_ number: String) -> Section? { sections.first { $0.number == number } }
}

/// The real corpus, parsed once.
let realDocument: Document = {
    let file = try! CorpusLoader.files(in: Paths.corpus)[0]
    return try! CorpusLoader.load(file).document
}()

/// An index of the real corpus, built once for the search tests.
let realIndex: (directory: TemporaryDirectory, handbook: Handbook) = {
    let directory = TemporaryDirectory()
    let path = directory.path + "/index.sqlite"
    try! IndexBuilder.build(corpus: Paths.corpus, to: path)
    return (directory, Handbook(database: try! HandbookDatabase.open(path: path)))
}()

/// Numbers below a bound from a fixed seed (a linear congruential generator), so generated
/// test material is the same on every run.
struct SeededNumbers {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
