import Foundation

/// Each section's terms, numbered as FTS5's tokenizer folds them during a full build, for the
/// top lists' pass and its statistics.
///
/// Without them the pass read every section back from the table and folded it a second time
/// (0.7 s of CPU at 100 MB), after walking FTS5's vocabulary for each term's rows (0.5 s on
/// one core). The tokenizer folds every token anyway; while a build inserts, it also numbers
/// each one here (terms in the order met, so the common ones take a byte), and counts each
/// term's rows. The pass then reads numbers, not text.
final class SectionTerms: @unchecked Sendable {
    /// FTS5 keeps at most this many bytes of a token (`FTS5_MAX_TOKEN_SIZE`): a longer one is
    /// indexed as its beginning.
    static let maximumTokenBytes = 32768

    /// A run of sections' numbers: varints, each section's title then its body.
    struct Chunk: Sendable {
        var bytes: MappedBytes
        /// For each section: its tokens in the title, its tokens in all, and where its
        /// numbers end in `bytes`.
        var counts: [UInt32] = []
        /// The id of the chunk's first section; the others follow it.
        var firstID: Int64

        var sections: Int { counts.count / 3 }

        func range(of section: Int) -> Range<Int> {
            (section == 0 ? 0 : Int(counts[3 * section - 1]))..<Int(counts[3 * section + 2])
        }
    }

    private var numbers = FlatTable(capacity: 1 << 14)
    /// Each term's folded bytes, by number.
    private var terms: [[UInt8]] = []
    /// How many sections hold each term.
    private var rowsWith: [Int32] = []
    /// The section that last counted each term, so that a section counts a term once.
    private var lastSection: [Int32] = []
    private var tokens = 0
    private var sections = 0
    private var chunks: [Chunk] = []
    /// The section being inserted: its numbers (-1 for a term new to the table, found in
    /// `unknown`), and each column FTS5 handed over, its bytes and where its tokens end.
    private var scratch: [Int32] = []
    private var unknown: [(at: Int, bytes: [UInt8])] = []
    private var columns: [(bytes: Int, end: Int)] = []
    private var lastID: Int64 = 0
    /// False once a section went in otherwise than title then body, one id after another:
    /// the pass then reads the sections from the table.
    private(set) var complete = true

    /// Chunks hold this many bytes (or a section's, when more), so that the pass lets each
    /// go once scored.
    private static let chunkBytes = 1 << 20

    /// Runs `body` with this recording what the tokenizer reads on this thread.
    func recording<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(Self.threadKey)
        pthread_setspecific(Self.threadKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.threadKey, previous) }
        return try body()
    }

    /// What records this thread's tokenizing, if anything: per thread, since other
    /// connections of the process (a server's, tests') tokenize on theirs at the same time.
    static var current: SectionTerms? {
        pthread_getspecific(threadKey).map { Unmanaged<SectionTerms>.fromOpaque($0).takeUnretainedValue() }
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Records one column of the section being inserted, of `bytes` bytes: `scan` calls its
    /// argument with each token's folded bytes, as the tokenizer hands them to FTS5.
    func column(bytes: Int, _ scan: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        // Locals, not properties, in the loop: a class's stored property is checked for
        // exclusive access at each touch.
        var scratch: [Int32] = []
        var unknown: [(at: Int, bytes: [UInt8])] = []
        swap(&scratch, &self.scratch)
        swap(&unknown, &self.unknown)
        numbers.withLookup { numbers in
            scan { folded in
                let folded = UnsafeBufferPointer(rebasing: folded.prefix(Self.maximumTokenBytes))
                if let number = numbers[Self.key(folded)] {
                    scratch.append(number)
                } else {
                    unknown.append((scratch.count, Array(folded)))
                    scratch.append(-1)
                }
            }
        }
        swap(&scratch, &self.scratch)
        swap(&unknown, &self.unknown)
        columns.append((bytes, self.scratch.count))
    }

    /// Ends the section FTS5 has just taken under `id`, its title and body of `titleBytes`
    /// and `bodyBytes` bytes: numbers its new terms, counts its terms' rows, and keeps its
    /// numbers.
    func endSection(id: Int64, titleBytes: Int, bodyBytes: Int) {
        defer {
            scratch.removeAll(keepingCapacity: true)
            unknown.removeAll(keepingCapacity: true)
            columns.removeAll(keepingCapacity: true)
        }
        // FTS5 hands over the title, then the body, and (in this version) skips an empty one;
        // a column it handed over is known by its size, so anything else is noticed.
        let titleTokens: Int? =
            switch columns.map(\.bytes) {
            case [titleBytes, bodyBytes]: columns[0].end
            case [titleBytes] where bodyBytes == 0: columns[0].end
            case [bodyBytes] where titleBytes == 0: 0
            case [] where titleBytes == 0 && bodyBytes == 0: 0
            default: nil
            }
        guard complete, let titleTokens, sections == 0 || id == lastID + 1 else {
            complete = false
            return
        }
        lastID = id
        for (at, bytes) in unknown {
            let hash = bytes.withUnsafeBufferPointer(Self.key)
            if let known = numbers[hash] {
                scratch[at] = known
                continue
            }
            let number = Int32(terms.count)
            numbers[hash] = number
            terms.append(bytes)
            rowsWith.append(0)
            lastSection.append(-1)
            scratch[at] = number
        }
        // At most five bytes a number.
        let most = 5 * scratch.count
        if chunks.isEmpty || chunks[chunks.count - 1].bytes.room < most {
            guard let bytes = MappedBytes(capacity: max(Self.chunkBytes, most)) else {
                complete = false
                return
            }
            chunks.append(Chunk(bytes: bytes, firstID: id))
        }
        let section = Int32(truncatingIfNeeded: sections)
        sections += 1
        tokens += scratch.count
        let bytes = chunks[chunks.count - 1].bytes
        rowsWith.withUnsafeMutableBufferPointer { rowsWith in
            lastSection.withUnsafeMutableBufferPointer { lastSection in
                for number in scratch {
                    if lastSection[Int(number)] != section {
                        lastSection[Int(number)] = section
                        rowsWith[Int(number)] += 1
                    }
                    bytes.appendVarint(UInt32(number))
                }
            }
        }
        chunks[chunks.count - 1].counts.append(UInt32(titleTokens))
        chunks[chunks.count - 1].counts.append(UInt32(scratch.count))
        chunks[chunks.count - 1].counts.append(UInt32(bytes.count))
    }

    /// A token's key in `numbers`: a token of up to seven bytes (almost every Vietnamese
    /// syllable) is its own key, its bytes and its length, which costs less than hashing them;
    /// a longer one is hashed, and keyed above every short one.
    @inline(__always)
    static func key(_ token: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard token.count < 8 else { return TopLists.hash(token) | 1 << 62 }
        var key = UInt64(token.count) << 56
        for (n, byte) in token.enumerated() { key |= UInt64(byte) << (8 * UInt64(n)) }
        return key
    }

    /// The vocabulary, if the sections recorded are the table's `rows`, each whole: the
    /// counts are then FTS5's.
    func vocabulary(rows: Int) -> Vocabulary? {
        guard complete, sections == rows else { return nil }
        return Vocabulary(terms: terms, rowsWith: rowsWith, tokens: tokens)
    }

    /// The recorded sections, which this then no longer holds.
    func take() -> [Chunk] {
        defer { chunks = [] }
        return chunks
    }

    /// The terms in FTS5's order (their bytes compared as `memcmp` does), with each one's rows.
    struct Vocabulary {
        var terms: [String]
        var rowsWith: [Double]
        var tokens: Double
        /// Each term's place in `terms`, by its number.
        var place: [Int32]

        init(terms numbered: [[UInt8]], rowsWith counted: [Int32], tokens: Int) {
            let order = numbered.indices.sorted { numbered[$0].lexicographicallyPrecedes(numbered[$1]) }
            terms = order.map { String(decoding: numbered[$0], as: UTF8.self) }
            rowsWith = order.map { Double(counted[$0]) }
            self.tokens = Double(tokens)
            place = Array(repeating: 0, count: order.count)
            for (n, number) in order.enumerated() { place[number] = Int32(n) }
        }
    }
}

/// Bytes in memory mapped for them alone, which goes back to the system when they are freed.
///
/// A full build's term numbers (``SectionTerms``, 35 MB at 100 MB) are freed while the lists
/// grow; from the heap, the allocator kept their pages, and the build's peak grew by 19 MB.
final class MappedBytes: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init?(capacity: Int) {
        guard let raw = mmap(nil, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            raw != MAP_FAILED
        else { return nil }
        base = raw.assumingMemoryBound(to: UInt8.self)
        self.capacity = capacity
    }

    deinit { munmap(base, capacity) }

    var room: Int { capacity - count }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Appends `value` as a ``Varint``.
    @inline(__always)
    func appendVarint(_ value: UInt32) {
        Varint.write(value) {
            base[count] = $0
            count += 1
        }
    }
}
