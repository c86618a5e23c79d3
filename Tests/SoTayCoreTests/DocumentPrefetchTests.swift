import Foundation
import Testing

@testable import SoTayCore

@Suite("Files read and parsed ahead of the index's writer")
struct DocumentPrefetchTests {
    /// Forty documents, every fifth not UTF-8, with small batches allowed ahead.
    func jobs(_ dir: TemporaryDirectory, recorded: (Int, [UInt8]) -> String? = { _, _ in nil }) throws
        -> [DocumentPrefetch.Job]
    {
        var jobs: [DocumentPrefetch.Job] = []
        for n in 0..<40 {
            let name = String(format: "tai-lieu-%02d.txt", n)
            let bytes: [UInt8] =
                n % 5 == 4 ? [0x41, 0xFF, 0x0A] : Array("Tài liệu \(n)\n\n1. Mục \(n)\n\nNội dung \(n).\n".utf8)
            try dir.write(name, Data(bytes))
            let file = CorpusFile(path: dir.path + "/" + name, relativePath: name, format: .plainText, slug: "d\(n)")
            jobs.append(.init(file: file, recorded: recorded(n, bytes), size: bytes.count))
        }
        return jobs
    }

    @Test("Each file comes in order with its bytes, fingerprint and document, or why it failed")
    func inOrder() throws {
        let dir = TemporaryDirectory()
        let jobs = try jobs(dir)
        let prefetch = DocumentPrefetch(jobs, ahead: 3, budget: 64)
        for (n, job) in jobs.enumerated() {
            let prepared = prefetch.take(n, size: job.size)
            let bytes = try #require(try prepared.bytes?.get())
            #expect(prepared.fingerprint == CorpusLoader.fingerprint(bytes))
            switch try #require(prepared.parsed) {
            case .success(let loaded):
                #expect(n % 5 != 4)
                #expect(loaded.document.title == "Tài liệu \(n)")
                #expect(loaded.fingerprint == prepared.fingerprint)
            case .failure(let error):
                #expect(n % 5 == 4)
                #expect(error == .invalidUTF8(path: job.file.path, line: 1))
            }
        }
    }

    @Test("A file whose bytes are those recorded is read, not parsed; one that is gone says so")
    func skipped() throws {
        let dir = TemporaryDirectory()
        let jobs = try jobs(dir) { n, bytes in n == 0 ? CorpusLoader.fingerprint(bytes) : nil }
        try FileManager.default.removeItem(atPath: jobs[1].file.path)
        let prefetch = DocumentPrefetch(jobs)
        let recorded = prefetch.take(0, size: jobs[0].size)
        #expect(recorded.bytes != nil && recorded.fingerprint != nil && recorded.parsed == nil)
        let missing = prefetch.take(1, size: jobs[1].size)
        guard case .failure(.unreadable(let path, _))? = missing.bytes else {
            Issue.record("a removed file is unreadable, not \(String(describing: missing.bytes))")
            return
        }
        #expect(path == jobs[1].file.path && missing.parsed == nil)
        let parsed = prefetch.take(2, size: jobs[2].size)
        #expect(try parsed.parsed?.get().document.title == "Tài liệu 2")
        prefetch.cancel()
    }

    @Test("No more than `ahead` files, nor beyond the first more than `budget` bytes, wait for the writer")
    func ahead() throws {
        let dir = TemporaryDirectory()
        let jobs = try jobs(dir)
        let prefetch = DocumentPrefetch(jobs, ahead: 3)
        #expect(prefetch.waitUntilIdle() == 3)
        _ = prefetch.take(0, size: jobs[0].size)
        #expect(prefetch.waitUntilIdle() == 3)
        // Each file is larger than the budget: one at a time.
        let small = DocumentPrefetch(jobs, budget: 8)
        #expect(small.waitUntilIdle() == 1)
        for n in 0..<jobs.count { _ = small.take(n, size: jobs[n].size) }
        #expect(small.waitUntilIdle() == 0, "all taken")
        prefetch.cancel()
    }
}
