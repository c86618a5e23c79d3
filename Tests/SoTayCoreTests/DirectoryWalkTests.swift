import Foundation
import Testing

@testable import SoTayCore

@Suite("Listing a corpus folder")
struct DirectoryWalkTests {
    /// A folder with material at two depths, hidden tooling, a README, a file of another kind,
    /// a link to a file and a link back up the tree.
    private func library() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        try dir.write("b.txt", "1. Mục\n")
        try dir.write("nghi-quyet/a.md", "# A\n")
        try dir.write("nghi-quyet/2024/c.TXT", "1. Mục\n")
        try dir.write("nghi-quyet/README.md", "# not material")
        try dir.write("anh.png", "x")
        try dir.write(".git/d.txt", "1. Mục\n")
        try dir.write(".an.txt", "1. Mục\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/lien-ket.txt", withDestinationPath: "b.txt")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/nghi-quyet/vong", withDestinationPath: "..")
        return dir
    }

    @Test("Every entry once, with its kind, a folder before what it holds; hidden names and links' targets left out")
    func walk() throws {
        let dir = try library()
        var seen: [String: FileStatus.Kind] = [:]
        var order: [String] = []
        let listed = DirectoryWalk.walk(dir.path) { relative, kind in
            seen[relative] = kind
            order.append(relative)
        }
        #expect(listed)
        #expect(order.count == seen.count, "an entry visited twice: \(order)")
        #expect(
            seen == [
                "b.txt": .other, "anh.png": .other, "lien-ket.txt": .link, "nghi-quyet": .directory,
                "nghi-quyet/a.md": .other, "nghi-quyet/README.md": .other, "nghi-quyet/vong": .link,
                "nghi-quyet/2024": .directory, "nghi-quyet/2024/c.TXT": .other,
            ])
        let place = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        #expect(place["nghi-quyet"]! < place["nghi-quyet/a.md"]!)
        #expect(place["nghi-quyet/2024"]! < place["nghi-quyet/2024/c.TXT"]!)
    }

    @Test("A path that is not a folder cannot be listed")
    func notAFolder() throws {
        let dir = TemporaryDirectory()
        try dir.write("a.txt", "1. Mục\n")
        var visited = 0
        #expect(!DirectoryWalk.walk(dir.path + "/a.txt") { _, _ in visited += 1 })
        #expect(!DirectoryWalk.walk(dir.path + "/khong-co") { _, _ in visited += 1 })
        #expect(visited == 0)
    }

    @Test("The corpus's files: material only, sorted, with paths below the folder and slugs from them")
    func corpusFiles() throws {
        let dir = try library()
        let files = try CorpusLoader.files(in: dir.path)
        #expect(files.map(\.relativePath) == ["b.txt", "lien-ket.txt", "nghi-quyet/2024/c.TXT", "nghi-quyet/a.md"])
        #expect(files.map(\.path) == files.map { dir.path + "/" + $0.relativePath })
        #expect(files.map(\.format) == [.plainText, .plainText, .plainText, .markdown])
        #expect(files.map(\.slug) == ["b", "lien-ket", "nghi-quyet/2024/c", "nghi-quyet/a"].map(Slug.make))
    }
}
