import Foundation
import GRDB
import Synchronization
import Testing

@testable import SoTayCore

@Suite("Precomputed top lists")
struct TopListsTests {
    /// Thresholds low enough that the small corpus below gets lists.
    static let parameters = TopLists.Parameters(
        length: 6, minimumRows: 4, rowShare: 0, minimumChainRows: 3, batchBytes: 1,
        alternateBatches: true)

    /// Twelve documents of numbered sections, the words drawn with a fixed seed so that
    /// sections differ in length and in how often "đảng", "viên", "chi", "bộ" occur.
    static func writeCorpus(_ dir: TemporaryDirectory, seed: UInt64 = 7) throws {
        let words = ["Đảng", "viên", "chi", "bộ", "sinh", "hoạt", "thư", "ký", "nghị", "quyết", "đảng", "viện"]
        var numbers = SeededNumbers(state: seed)
        func next(_ n: Int) -> Int { numbers.next(n) }
        for d in 0..<12 {
            var text = "Tài liệu \(d)\n\n"
            for s in 1...6 {
                let body = (0..<(3 + next(25))).map { _ in words[next(words.count)] }.joined(separator: " ")
                text += "\(s). Mục \(words[next(4)]) \(s)\n\n\(body).\n\n"
            }
            try dir.write("tai-lieu-\(d).txt", text)
        }
    }

    func build(
        _ corpus: TemporaryDirectory, _ out: TemporaryDirectory, full: Bool = true,
        parameters: TopLists.Parameters = Self.parameters
    ) throws -> Handbook {
        var options = IndexBuilder.Options(full: full)
        options.topLists = parameters
        try IndexBuilder.build(corpus: corpus.path, to: out.path + "/index.sqlite", options: options)
        return Handbook(database: try HandbookDatabase.open(path: out.path + "/index.sqlite"))
    }

    /// The handbook of a freshly written corpus, with the folders kept alive beside it.
    func built() throws -> (Handbook, [TemporaryDirectory]) {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus)
        return (try build(corpus, out), [corpus, out])
    }

    func listed(_ handbook: Handbook, _ text: String, limit: Int) throws -> [Int64]? {
        try listed(handbook, SearchQuery.parse(text), limit: limit)
    }

    func listed(_ handbook: Handbook, _ query: SearchQuery, limit: Int) throws -> [Int64]? {
        try handbook.database.read { db in try TopLists.rows(for: query, limit: limit, db) }
    }

    func exhaustive(_ handbook: Handbook) -> Handbook {
        var exhaustive = handbook
        exhaustive.candidatePool = nil
        return exhaustive
    }

    /// The page a search shows and the one ranking every match gives, as "doc#section".
    func pages(_ handbook: Handbook, _ query: SearchQuery, limit: Int) throws -> (fast: [String], full: [String]) {
        func page(_ handbook: Handbook) throws -> [String] {
            try handbook.search(query, limit: limit).map { "\($0.doc)#\($0.section)" }
        }
        return (try page(handbook), try page(exhaustive(handbook)))
    }

    /// Whether a section holds every form the query typed with marks.
    func holdsTypedForms(_ handbook: Handbook, _ id: Int64, _ matcher: Ranker.Matcher) throws -> Bool {
        let row = try #require(
            try handbook.database.read { db in
                try Row.fetchOne(db, sql: "SELECT title, body FROM section WHERE id = ?", arguments: [id])
            })
        return matcher.scores(title: row[0], body: row[1]).diacritics == 1
    }

    @Test("A word's list is FTS5's own BM25 order, ties in reading order")
    func singleOrder() throws {
        let (handbook, folders) = try built()
        defer { withExtendedLifetime(folders) {} }
        for word in ["dang", "vien", "chi", "bo"] {
            let fts = try handbook.database.read { db in
                try Int64.fetchAll(
                    db,
                    sql: "SELECT rowid FROM section_fts WHERE section_fts MATCH ? ORDER BY rank, rowid LIMIT 6",
                    arguments: ["\"\(word)\""])
            }
            #expect(try listed(handbook, word, limit: 6) == fts, "\(word)")
        }
    }

    @Test("The lists are the same however the batches fall between the two threads")
    func batchesAnyWay() throws {
        let corpus = TemporaryDirectory()
        try Self.writeCorpus(corpus)
        var folders: [TemporaryDirectory] = []
        func lists(batchBytes: Int, alternate: Bool) throws -> [Row] {
            var parameters = Self.parameters
            parameters.batchBytes = batchBytes
            parameters.alternateBatches = alternate
            let out = TemporaryDirectory()
            folders.append(out)
            return try build(corpus, out, parameters: parameters).database.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT key, matches, rows, phraseRows, adjacentRows FROM top_list ORDER BY key")
            }
        }
        let alternated = try lists(batchBytes: 1, alternate: true)
        #expect(alternated.count > 20)
        // One batch, all on the second thread; batches of one section, wherever there is room.
        #expect(try lists(batchBytes: 1 << 20, alternate: false) == alternated)
        #expect(try lists(batchBytes: 1, alternate: false) == alternated)
    }

    @Test("Every word in more sections than a list holds gets a list; pairs only of frequent words")
    func whatIsListed() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus)
        let handbook = try build(
            corpus, out, parameters: TopLists.Parameters(length: 6, minimumRows: 1000, rowShare: 0, minimumChainRows: 3)
        )
        let keys = try handbook.database.read { db in
            try Row.fetchAll(db, sql: "SELECT key, matches FROM top_list").map {
                ($0["key"] as String, $0["matches"] as Int)
            }
        }
        #expect(keys.contains { $0.0 == "dang" })
        #expect(keys.allSatisfy { !$0.0.contains(" ") && $0.1 > 6 })
        #expect(try listed(handbook, "dang", limit: 6) != nil)
    }

    @Test(
        "Searches a list answers give what ranking every match gives",
        arguments: ["dang", "vien", "chi", "bo", "dang vien", "chi bo", "vien dang", "\"dang vien\"", "\"chi bo\""])
    func agreesWithExhaustive(_ text: String) throws {
        let (handbook, folders) = try built()
        defer { withExtendedLifetime(folders) {} }
        for limit in [1, 3, 6] {
            #expect(try listed(handbook, text, limit: limit) != nil, "\(text) should be answered by a list")
            let query = try SearchQuery.parse(text)
            let (fast, full) = try pages(handbook, query, limit: limit)
            #expect(fast == full, "\(text), limit \(limit)")
        }
    }

    @Test(
        "Words typed with marks: answered by the folded list when its sections with those marks fill the page",
        arguments: ["đảng", "Đảng", "viện", "viên", "đảng viên", "đảng vien", "\"đảng viên\"", "chi bộ"])
    func typedMarks(_ text: String) throws {
        let (handbook, folders) = try built()
        defer { withExtendedLifetime(folders) {} }
        let query = try SearchQuery.parse(text)
        for limit in [1, 3, 6] {
            let (fast, full) = try pages(handbook, query, limit: limit)
            #expect(fast == full, "\(text), limit \(limit)")
        }
    }

    @Test("A list answers typed marks only with sections that hold every typed form")
    func typedMarksFromList() throws {
        let (handbook, folders) = try built()
        defer { withExtendedLifetime(folders) {} }
        let matcher = Ranker.Matcher(try SearchQuery.parse("viện"))
        var answered = 0
        var declined = 0
        for limit in 1...6 {
            guard let ids = try listed(handbook, "viện", limit: limit) else {
                declined += 1
                continue
            }
            answered += 1
            #expect(ids.count == limit)
            for id in ids {
                #expect(try holdsTypedForms(handbook, id, matcher))
            }
        }
        // "viện" is the rarer form of "vien" here: the list fills a short page, not a long one.
        #expect(answered > 0 && declined > 0, "answered \(answered), declined \(declined)")
    }

    @Test("A list of every match gives every group, the sections with the typed forms first")
    func typedMarksWholeList() throws {
        let (handbook, folders) = try built()
        defer { withExtendedLifetime(folders) {} }
        // Pairs with "vien", which the corpus writes "viên" and "viện", that a list holds whole.
        let pairs = try handbook.database.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT key FROM top_list WHERE key LIKE '%vien%' AND key LIKE '% %' AND matches BETWEEN 2 AND 6")
        }
        #expect(!pairs.isEmpty)
        var reordered = 0
        for pair in pairs {
            for form in ["viên", "viện"] {
                let typed = "\"" + pair.replacingOccurrences(of: "vien", with: form) + "\""
                let fromList = try #require(try listed(handbook, typed, limit: 6), "\(typed)")
                if try fromList != listed(handbook, "\"\(pair)\"", limit: 6) { reordered += 1 }
                let query = try SearchQuery.parse(typed)
                let (fast, full) = try pages(handbook, query, limit: 6)
                #expect(fast == full, "\(typed)")
            }
        }
        #expect(reordered > 0)
    }

    @Test(
        "Prefixes, exclusions, alternatives and longer queries go to FTS5",
        arguments: ["dang*", "đảng*", "dang -vien", "dang OR chi", "dang vien chi", "\"dang vien chi\""])
    func notAnswered(_ text: String) throws {
        let (handbook, folders) = try built()
        defer { withExtendedLifetime(folders) {} }
        #expect(try listed(handbook, text, limit: 3) == nil)
    }

    @Test("A page longer than a list, or pairs seldom adjacent, fall back to ranking every match")
    func pageLongerThanList() throws {
        let (handbook, folders) = try built()
        defer { withExtendedLifetime(folders) {} }
        #expect(try listed(handbook, "dang", limit: 7) == nil)
        let word = try SearchQuery.parse("dang")
        #expect(
            try handbook.search(word, limit: 20).map(\.section)
                == exhaustive(handbook).search(word, limit: 20).map(\.section))
        // A pair standing together in fewer sections than a page keeps no chain order.
        let seldom = try handbook.database.read { db in
            try String.fetchOne(db, sql: "SELECT key FROM top_list WHERE key LIKE '% %' AND matches < 3 LIMIT 1")
        }
        let pair = try #require(seldom)
        #expect(try listed(handbook, pair, limit: 1) == nil)
        let query = try SearchQuery.parse(pair)
        #expect(
            try handbook.search(query, limit: 6).map(\.section)
                == exhaustive(handbook).search(query, limit: 6).map(\.section))
    }

    func basis(_ handbook: Handbook) throws -> TopLists.Basis? {
        try handbook.database.read { try TopLists.Basis.load($0) }
    }

    @Test("An incremental rebuild keeps the lists, and searches merge the changed sections in")
    func incremental() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus)
        let before = try build(corpus, out)
        let removed = try before.sections(of: "tai-lieu-3").1.flatMap(\.flattened).count
        try corpus.write("tai-lieu-3.txt", "Tài liệu 3\n\n1. Đảng viên đảng viên\n\nđảng viên đảng viên.\n")
        let handbook = try build(corpus, out, full: false)
        // Kept: the six sections removed and the one added are an eighth of the library or less.
        #expect(try basis(handbook)?.changed == removed + 1)
        #expect(try listed(handbook, "dang vien", limit: 1) != nil)
        #expect(try handbook.search(SearchQuery.parse("dang vien"), limit: 1).map(\.doc) == ["tai-lieu-3"])
        for text in [
            "dang", "vien", "dang vien", "\"dang vien\"", "chi", "chi bo", "đảng", "viện", "đảng viên", "chi bộ",
        ] {
            let query = try SearchQuery.parse(text)
            let fast = try handbook.search(query, limit: 6)
            let full = try exhaustive(handbook).search(query, limit: 6)
            #expect(fast.map { "\($0.doc)#\($0.section)" } == full.map { "\($0.doc)#\($0.section)" }, "\(text)")
            #expect(!fast.contains { $0.doc == "tai-lieu-3" && $0.section != "1" }, "\(text): a removed section")
        }
        // The added section holds "viên" only: merged into the list, it is no answer to "viện".
        let matcher = Ranker.Matcher(try SearchQuery.parse("viện"))
        for limit in 1...6 {
            for id in try listed(handbook, "viện", limit: limit) ?? [] {
                #expect(try holdsTypedForms(handbook, id, matcher), "limit \(limit)")
            }
        }
    }

    @Test("After an incremental build, typed marks read no added section that ranks below the list's floor")
    func incrementalBelowFloor() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus)
        _ = try build(corpus, out)
        // Sections that hold "viện" once among a dozen words: they rank below every listed
        // "vien" section, and below sections the list left out that hold "viện" too. Read as
        // far as the typed form needs, the list's order must not put them first. (About as
        // long as the others: scores move with the average length, which this leaves alone.)
        let filler = "sinh hoạt thư ký nghị quyết"
        try corpus.write(
            "moi.txt", "Tài liệu mới\n\n" + (1...4).map { "\($0). Mục \($0)\n\n\(filler) viện \(filler).\n\n" }.joined()
        )
        let handbook = try build(corpus, out, full: false)
        #expect((try basis(handbook)?.changed ?? 0) > 0)
        for text in ["viện", "đảng", "Đảng", "viên", "vien", "đảng viện"] {
            let query = try SearchQuery.parse(text)
            for limit in [1, 3, 6] {
                let fast = try handbook.search(query, limit: limit).map { "\($0.doc)#\($0.section)" }
                let full = try exhaustive(handbook).search(query, limit: limit).map { "\($0.doc)#\($0.section)" }
                #expect(fast == full, "\(text) \(limit)")
            }
        }
    }

    @Test("Merged after an incremental build, sections with equal scores keep the reading order")
    func incrementalTies() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        // Every section scores the same for these searches: only the reading order tells them apart.
        func document(_ d: Int, sections: Int) -> String {
            "Tài liệu \(d)\n\n" + (1...sections).map { "\($0). Mục \($0)\n\nĐảng viên chi bộ sinh hoạt.\n\n" }.joined()
        }
        for d in 0..<24 { try corpus.write("tai-lieu-\(d).txt", document(d, sections: 6)) }
        _ = try build(corpus, out)
        try corpus.write("tai-lieu-3.txt", document(3, sections: 7))
        let handbook = try build(corpus, out, full: false)
        #expect(try basis(handbook)?.changed == 13)
        for text in ["dang", "dang vien", "\"dang vien\"", "chi bo", "đảng"] {
            let query = try SearchQuery.parse(text)
            #expect(try listed(handbook, text, limit: 6) != nil, "\(text)")
            let (fast, full) = try pages(handbook, query, limit: 6)
            #expect(fast == full, "\(text)")
        }
    }

    @Test("Changes past an eighth of the library recompute the lists")
    func drift() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus)
        _ = try build(corpus, out)
        for d in 0..<3 { try corpus.write("tai-lieu-\(d).txt", "Tài liệu \(d)\n\n1. Chi bộ\n\nđảng viên chi bộ.\n") }
        let handbook = try build(corpus, out, full: false)
        #expect(try basis(handbook)?.changed == 0)
        let rows = try handbook.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM section") }
        #expect(try basis(handbook)?.rows == rows.map(Double.init))
    }

    @Test("Progress goes on through the top lists, to every section")
    func progress() throws {
        let corpus = TemporaryDirectory()
        let out = TemporaryDirectory()
        try Self.writeCorpus(corpus)
        var options = IndexBuilder.Options(full: true)
        options.topLists = Self.parameters
        let seen = Mutex<[IndexBuilder.Progress]>([])
        try IndexBuilder.build(corpus: corpus.path, to: out.path + "/index.sqlite", options: options) { progress in
            seen.withLock { $0.append(progress) }
        }
        let events = seen.withLock { $0 }
        // Reading, ranking from 0 of all to all, then writing, once, last.
        let steps = events.map(\.step)
        #expect(steps.first == .reading && steps.last == .writing)
        #expect(steps.filter { $0 == .writing }.count == 1)
        #expect(steps == steps.sorted { order($0) < order($1) })
        let lists = events.filter { $0.step == .ranking }
        #expect(lists.first?.listSectionsDone == 0 && lists.first?.listSectionsTotal == 72)
        let last = try #require(lists.last)
        #expect(last.listSectionsDone == 72 && last.listSectionsTotal == 72)

        // An incremental build that keeps the lists goes from reading to writing.
        try corpus.write("moi.txt", "Tài liệu mới\n\n1. Mục mới\n\nNội dung.\n")
        seen.withLock { $0 = [] }
        options.full = false
        try IndexBuilder.build(corpus: corpus.path, to: out.path + "/index.sqlite", options: options) { progress in
            seen.withLock { $0.append(progress) }
        }
        let kept = seen.withLock { $0 }.map(\.step)
        #expect(kept.first == .reading && kept.last == .writing && !kept.contains(.ranking))
    }

    private func order(_ step: IndexBuilder.Progress.Step) -> Int {
        switch step {
        case .reading: 0
        case .ranking: 1
        case .writing: 2
        }
    }

    @Test("A section's counts: every term and pair with its frequency, however many, and nothing left after a reset")
    func rowCounts() {
        let counts = TopLists.RowCounts(terms: 60)
        var numbers = SeededNumbers(state: 3)
        // 3,000 pairs of 60 terms: some 1,900 distinct, past the first sizes of the pair
        // table and its lists; then rows of a few tokens, which must see none of it.
        for size in [3000, 5, 0, 400] {
            var terms: [Int32: Double] = [:]
            var pairs: [UInt64: Double] = [:]
            for _ in 0..<size {
                let (first, second) = (Int32(numbers.next(60)), Int32(numbers.next(60)))
                let weight = Double(1 + numbers.next(3))
                counts.add(term: first, weight: weight)
                terms[first, default: 0] += weight
                let pair = UInt64(first) << 32 | UInt64(second)
                counts.add(pair: pair, weight: weight)
                pairs[pair, default: 0] += weight
            }
            let touched = (0..<counts.touchedCount).map { counts.touched[$0] }
            #expect(Set(touched) == Set(terms.keys) && touched.count == terms.count)
            #expect((0..<60).allSatisfy { counts.frequency[$0] == terms[Int32($0)] ?? 0 })
            let counted = (0..<counts.pairCount).map { (counts.pairs[$0], counts.pairFrequency[$0]) }
            #expect(counted.count == pairs.count)
            #expect(Dictionary(uniqueKeysWithValues: counted) == pairs)
            counts.reset()
            #expect(counts.touchedCount == 0 && counts.pairCount == 0)
        }
    }

    @Test("A list keeps the best keys it was offered and counts every offer")
    func heap() {
        // Two lists fed alternately, then each merged with another's: each keeps the best of
        // what it was offered, and the merge the best of both.
        var lists = TopLists.BestKeys(count: 3, keeping: 10)
        var keys: [[UInt64]] = [[], []]
        var state: UInt64 = 1
        for n in 0..<1000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let key = TopLists.key(Double(state >> 40) + 1, Int64(n))
            keys[n % 2].append(key)
            lists.offer(key, to: n % 2)
        }
        for heap in 0..<2 {
            #expect(lists.seen(heap) == 500)
            #expect(lists.keys(heap).sorted(by: >) == Array(keys[heap].sorted(by: >).prefix(10)))
        }
        // Heap 2, never offered a key, merged with heap 0 of another: that one's best.
        let alone = lists.ranked(2, with: lists, 0)
        #expect(alone.seen == 500 && alone.ids == lists.ranked(0))
        let merged = lists.ranked(0, with: lists, 1)
        #expect(merged.seen == 1000)
        let best = (keys[0] + keys[1]).sorted(by: >).prefix(10)
        #expect(merged.ids == best.map { UInt32(TopLists.maximumID - ($0 & TopLists.maximumID)) })
        #expect(lists.ranked(nil, with: lists, 1).ids == lists.ranked(1))
        // Equal scores: the lower row id ranks first.
        #expect(TopLists.key(2.5, 3) > TopLists.key(2.5, 4))
        #expect(TopLists.key(2.5, 900) > TopLists.key(2.4, 1))
    }

    @Test(
        "Lists growing side by side keep their own keys, whatever the order keys come in",
        arguments: [1, 2, 6, 30, 255])
    func listsSideBySide(limit: Int) {
        // Keys rising make every offer a keeper; falling, only the first ones; random, some.
        // Sixty lists are offered keys in turn, each up to its own count, so that they grow
        // out of their slots at different times and take the slots others left.
        for order in ["rising", "falling", "random"] {
            var lists = TopLists.BestKeys(count: 60, keeping: limit)
            var offered = [[UInt64]](repeating: [], count: 60)
            var numbers = SeededNumbers(state: UInt64(limit))
            let counts = (0..<60).map { $0 == 0 ? 0 : numbers.next(3 * limit + 40) }
            for n in 0..<(counts.max() ?? 0) {
                for heap in 0..<60 where n < counts[heap] {
                    let score: Double =
                        switch order {
                        case "rising": Double(n + 1)
                        case "falling": Double(10_000 - n)
                        default: Double(numbers.next(1000) + 1)
                        }
                    let key = TopLists.key(score, Int64(heap * 10_000 + n + 1))
                    offered[heap].append(key)
                    lists.offer(key, to: heap)
                }
            }
            for heap in 0..<60 {
                #expect(lists.seen(heap) == counts[heap], "\(order) \(heap)")
                #expect(lists.keys(heap) == Array(offered[heap].sorted(by: >).prefix(limit)), "\(order) \(heap)")
            }
        }
    }

    @Test("Cutting a full buffer back keeps its best keys and names the least of them, ties and all")
    func selectBest() {
        var numbers = SeededNumbers(state: 7)
        for count in [1, 2, 3, 5, 45, 46, 200] {
            // Few distinct values test ties; many, the usual case; runs, keys in near order.
            for spread in [2, 1_000_000, 0] {
                var keys = (0..<count).map { spread == 0 ? UInt64($0 + 1) : UInt64(numbers.next(spread) + 1) }
                if spread == 0, count % 2 == 1 { keys.reverse() }
                for best in 1...count {
                    var work = keys
                    let floor = work.withUnsafeMutableBufferPointer {
                        TopLists.Storage.selectBest(best, of: $0.baseAddress!, count)
                    }
                    let expected = keys.sorted(by: >)
                    #expect(floor == expected[best - 1], "\(count) \(spread) \(best)")
                    #expect(work[..<best].sorted(by: >) == Array(expected[..<best]), "\(count) \(spread) \(best)")
                    #expect(work.sorted() == keys.sorted(), "a permutation: \(count) \(spread) \(best)")
                }
            }
        }
    }

    @Test("Shared work is done once per piece, by whichever thread takes it, and comes back in order")
    func sharedWork() {
        let work = SharedWork<[Int]>(count: 500)
        let calls = Mutex([Int](repeating: 0, count: 500))
        let done = DispatchSemaphore(value: 0)
        @Sendable func piece(_ n: Int) -> [Int] {
            calls.withLock { $0[n] += 1 }
            return [n, n * n]
        }
        for _ in 0..<3 {
            DispatchQueue.global().async {
                work.run(piece)
                done.signal()
            }
        }
        work.run(piece)
        for _ in 0..<3 { done.wait() }
        #expect(calls.withLock { $0 } == Array(repeating: 1, count: 500))
        #expect(work.results == (0..<500).map { [$0, $0 * $0] })
    }

    @Test("The merge given to the lists runs once, whether the lists are made again or kept")
    func meanwhileOnce() throws {
        let (_, folders) = try built()
        let queue = try DatabaseQueue(
            path: folders[1].path + "/index.sqlite", configuration: HandbookDatabase.configuration(readonly: false))
        for full in [true, false] {
            var runs = 0
            try queue.write { db in
                try TopLists.refresh(
                    db, changedRows: 1, full: full, parameters: Self.parameters, meanwhile: { runs += 1 })
            }
            #expect(runs == 1, "full: \(full)")
        }
        // A merge that fails fails the refresh, with its own error, once the other thread is done.
        #expect(throws: IndexError.self) {
            try queue.write { db in
                try TopLists.refresh(
                    db, changedRows: 1, full: true, parameters: Self.parameters,
                    meanwhile: { throw IndexError.diskFull(path: "x") })
            }
        }
    }

    @Test("The flat table stores, finds, grows and clears")
    func flatTable() {
        var table = FlatTable(capacity: 4)
        for i in 0..<10_000 { table[UInt64(i) &* 2_654_435_761] = Int32(i) }
        #expect(table.count == 10_000)
        #expect((0..<10_000).allSatisfy { table[UInt64($0) &* 2_654_435_761] == Int32($0) })
        #expect(table[12_345_678_901] == nil)
        table[0] = -1
        #expect(table[0] == -1 && table.count == 10_000)
        table.removeAll()
        #expect(table.count == 0 && table[2_654_435_761] == nil)
    }
}
