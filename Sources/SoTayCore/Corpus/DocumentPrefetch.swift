import Foundation

/// Reads and parses a build's files on a second thread, in order, a few ahead of the writer.
///
/// A full build spends about as long decoding, normalising and splitting the files as SQLite
/// spends inserting them; on two cores the two overlap. The thread only reads and parses:
/// what to do with each file (keep, replace, report) is still decided by the writer, in order,
/// exactly as without it. At most `ahead` files, and beyond the first one `budget` bytes, wait
/// for the writer, so memory stays that of a few documents whatever the library's size. Some
/// files parse slower than others (NFD text): with 4 ahead the writer waited 1.5–2 s in all
/// at 100 MB, with 16 ahead 0.6–1 s.
final class DocumentPrefetch: @unchecked Sendable {
    /// What the writer gets for one file.
    struct Prepared: Sendable {
        /// The file's bytes, or why they could not be read; nil when it was not read.
        var bytes: Result<[UInt8], CorpusError>?
        var fingerprint: String?
        /// The document, or why it could not be parsed; nil when not parsed (not read, or its
        /// bytes are those recorded).
        var parsed: Result<LoadedDocument, CorpusError>?
    }

    /// One file to read, with the fingerprint recorded for it (its bytes are then not parsed
    /// when they are the recorded ones).
    struct Job: Sendable {
        var file: CorpusFile
        var recorded: String?
        var size: Int
    }

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var ready: [Int: Prepared] = [:]
    private var taken = 0
    private var pendingBytes = 0
    private var cancelled = false
    /// Whether the thread waits for the writer or is done (for tests, through ``waitUntilIdle()``).
    private var idle = false
    private var finished = false

    init(_ jobs: [Job], ahead: Int = 16, budget: Int = 16 << 20) {
        let thread = Thread { [self] in run(jobs, ahead: ahead, budget: budget) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run(_ jobs: [Job], ahead: Int, budget: Int) {
        for (n, job) in jobs.enumerated() {
            condition.lock()
            while !cancelled, n > taken, n - taken >= ahead || pendingBytes >= budget {
                idle = true
                condition.broadcast()
                condition.wait()
            }
            idle = false
            let stop = cancelled
            condition.unlock()
            if stop { break }
            var prepared = Prepared()
            do throws(CorpusError) {
                let bytes = try CorpusLoader.read(job.file)
                let fingerprint = CorpusLoader.fingerprint(bytes)
                prepared.bytes = .success(bytes)
                prepared.fingerprint = fingerprint
                if fingerprint != job.recorded {
                    prepared.parsed = Result { () throws(CorpusError) in
                        try CorpusLoader.parse(job.file, bytes: bytes, fingerprint: fingerprint)
                    }
                }
            } catch {
                prepared.bytes = .failure(error)
            }
            condition.lock()
            ready[n] = prepared
            pendingBytes += job.size
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        (idle, finished) = (true, true)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the thread waits for the writer or is done, and tells how many files are
    /// prepared and not taken.
    func waitUntilIdle() -> Int {
        condition.lock()
        defer { condition.unlock() }
        while !idle { condition.wait() }
        return ready.count
    }

    /// The preparation of job `n`, waiting for it; jobs are taken in order, each once.
    func take(_ n: Int, size: Int) -> Prepared {
        condition.lock()
        defer { condition.unlock() }
        while ready[n] == nil { condition.wait() }
        taken = n + 1
        pendingBytes -= size
        // The thread, if waiting, looks again.
        idle = finished
        condition.broadcast()
        return ready.removeValue(forKey: n)!
    }

    /// Stops the thread after the file it is on (the writer failed or finished early).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
