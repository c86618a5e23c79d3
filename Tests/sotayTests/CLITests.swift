import Foundation
import SoTayCore
import Testing

@testable import sotay

@Suite("The sotay command, end to end")
struct CLITests {
    @Test("search prints ranked results with breadcrumb, snippet marks and reading time")
    func search() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try cli.run("search", "cu", "thu", "ky")
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                1. 1.1. Phần mở đầu  (1 phút đọc)
                   Quy trình sinh hoạt chi bộ › Đối với sinh hoạt định kỳ › Phần mở đầu
                   …thảo luận thông qua); – **Cử thư ký** cuộc họp (chú ý chọn đồng chí có khả
                   năng, kinh nghiệm, chữ viết rõ ràng để tổng hợp ghi chép đầy đủ …

                2. 1.3. Phần kết thúc  (2 phút đọc)
                   Quy trình sinh hoạt chi bộ › Đối với sinh hoạt định kỳ › Phần kết thúc
                   …kèm theo khung tiêu chí đánh giá chất lượng). – **Thư ký** thông qua biên
                   bản cuộc họp. – Đồng chí chủ trì và **thư ký ký** vào biên bản cuộc họp.


                """)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.components(separatedBy: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("The first use builds the index with a one-line note on stderr; the second does not")
    func firstUse() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let first = try cli.run("search", "bao luu")
        #expect(first.stderr == "Chưa có chỉ mục; đang lập chỉ mục từ ./corpus vào .sotay/index.sqlite…\n")
        #expect(FileManager.default.fileExists(atPath: cli.directory + "/.sotay/index.sqlite"))
        let second = try cli.run("search", "bao luu")
        #expect(second.stderr.isEmpty)
        #expect(second.stdout == first.stdout)
        // An edited corpus is re-indexed before the next search.
        Thread.sleep(forTimeInterval: 1.1)
        try cli.write("corpus/moi.txt", Data("1. Kỷ luật\n\nNội dung mới về bảo lưu.\n".utf8))
        let third = try cli.run("search", "bao luu")
        #expect(third.stderr.contains("đã thay đổi"))
        #expect(third.stdout.contains("Kỷ luật"))
        // Only the folder's time moving on (a file made and removed) is no change: nothing is
        // announced, and the index stays the same file.
        let index = cli.directory + "/.sotay/index.sqlite"
        var before = stat()
        #expect(stat(index, &before) == 0)
        Thread.sleep(forTimeInterval: 1.1)
        try cli.write("corpus/tam.txt", Data("tạm".utf8))
        try FileManager.default.removeItem(atPath: cli.directory + "/corpus/tam.txt")
        let fourth = try cli.run("search", "bao luu")
        #expect(fourth.stderr.isEmpty)
        #expect(fourth.stdout == third.stdout)
        var after = stat()
        #expect(stat(index, &after) == 0)
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec > before.st_mtim.tv_sec)
    }

    @Test("A symbolic link back up the corpus folder loops neither the freshness check nor the build")
    func symbolicLinkLoop() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try FileManager.default.createSymbolicLink(atPath: cli.directory + "/corpus/vong", withDestinationPath: "..")
        let result = try cli.run("search", "bao luu")
        #expect(result.status == 0)
        #expect(result.stdout.contains("1.2. Phần tổ chức sinh hoạt"))
        #expect(try cli.run("search", "bao luu").stderr.isEmpty)
    }

    static let downgrade = "UPDATE info SET value = '0' WHERE key = 'schemaVersion'"

    @Test("An index built from another folder is never rebuilt from the ./corpus beside it")
    func otherCorpusKept() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.write("thu-vien/ky-luat.txt", Data("1. Kỷ luật đảng viên\n\nXử lý vi phạm theo điều lệ.\n".utf8))
        #expect(try cli.run("index", "thu-vien", "--db", "thu-vien.sqlite").status == 0)
        #expect(try cli.run("search", "bao luu").status == 0)  // the default index, of ./corpus
        // ./corpus changes after both indexes were built.
        let later = Date().addingTimeInterval(60)
        try cli.write("corpus/moi.txt", Data("1. Mục mới\n\nNội dung mới.\n".utf8))
        try FileManager.default.setAttributes(
            [.modificationDate: later], ofItemAtPath: cli.directory + "/corpus/moi.txt")
        let other = try cli.run("search", "vi pham", "--db", "thu-vien.sqlite")
        #expect(other.status == 0)
        #expect(other.stderr.isEmpty)
        #expect(other.stdout.contains("Kỷ luật đảng viên"))
        #expect(try cli.run("search", "bao luu", "--db", "thu-vien.sqlite").status == 1)
        // The index of ./corpus is still refreshed.
        let own = try cli.run("search", "noi dung moi")
        #expect(own.stderr.contains("đã thay đổi"))
        #expect(own.stdout.contains("Mục mới"))
        // Written by another version, it is not replaced by ./corpus either: the user is told.
        let library = cli.directory + "/thu-vien.sqlite"
        try #require(try cli.sqlite3(library, Self.downgrade).status == 0)
        let outdated = try cli.run("search", "vi pham", "--db", "thu-vien.sqlite")
        #expect(outdated.status == 3)
        #expect(outdated.stderr.contains("phiên bản khác của sotay. Hãy chạy lại: sotay index"))
        #expect(try cli.sqlite3(library, "SELECT slug FROM document").stdout == "ky-luat\n")
    }

    static let exitCases: [([String], Int32)] = [
        (["search", "bao", "luu"], 0),
        (["search", "zzzqqq"], 1),
        (["search"], 2),
        (["search", "\"\""], 2),
        (["search", "-dang"], 2),
        (["search", "dang", "--limit", "0"], 2),
        (["search", "dang", "--rate", "0"], 2),
        (["read"], 2),
        (["read", "9.9"], 1),
        (["outline", "khong-co"], 1),
        (["frobnicate"], 2),
        (["--version"], 0),
        (["search", "--help"], 0),
    ]

    @Test("Exit codes: 0 with results, 1 with none, 2 on usage errors", arguments: exitCases)
    func exitCodes(arguments: [String], status: Int32) throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try cli.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        if status == 2 { #expect(!result.stderr.isEmpty) }
        #expect(!result.stderr.contains("SQLITE"))
        #expect(!result.stderr.lowercased().contains("fts5"))
    }

    static let messageCases: [([String], String)] = [
        (["search", "zzzqqq"], "Không tìm thấy mục nào cho \"zzzqqq\""),
        // A last word typed in part is named with the search that finds it; one that begins nothing is not.
        (["search", "bao", "lu"], "Từ cuối chưa gõ hết? Thử: sotay search \"bao lu*\""),
        (["search", "bao", "zzq"], "Thử bớt từ, gõ không dấu, hoặc dùng tiền tố"),
        (["search"], "Hãy nhập từ cần tìm"),
        (["read"], "Thiếu tham số"),
        (["read", "9.9"], "Không có mục \"9.9\""),
        (["search", "x", "--limit", "abc"], "không hợp lệ"),
    ]

    @Test("Messages to the user are in Vietnamese", arguments: messageCases)
    func vietnamese(arguments: [String], expected: String) throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run(arguments).stderr.contains(expected))
    }

    @Test("search --json has the documented shape")
    func searchJSON() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try cli.run("search", "Đảng viên dự bị", "--json", "--limit", "2")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["query"] as? String == "Đảng viên dự bị")
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = results[0]
        #expect(Set(first.keys) == ["doc", "section", "title", "path", "snippet", "marks", "readingMinutes"])
        #expect(first["doc"] as? String == "quy-trinh-sinh-hoat-chi-bo")
        #expect(first["section"] as? String == "1.1")
        #expect(
            first["path"] as? [String] == ["Quy trình sinh hoạt chi bộ", "Đối với sinh hoạt định kỳ", "Phần mở đầu"])
        #expect(first["readingMinutes"] as? Int == 1)
        #expect((first["snippet"] as? String)?.contains("dự bị") == true)
        // No results is still valid JSON, with exit 1.
        let none = try cli.run("search", "zzzqqq", "--json")
        #expect(none.status == 1)
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [String: Any])
        #expect((empty["results"] as? [Any])?.isEmpty == true)
    }

    @Test("read prints the breadcrumb, heading, reading time and wrapped text")
    func read() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try cli.run("read", "2")
        #expect(result.status == 0)
        #expect(
            result.stdout.hasPrefix(
                """
                Quy trình sinh hoạt chi bộ › Đối với sinh hoạt chuyên đề
                2. Đối với sinh hoạt chuyên đề  (1 phút đọc, 199 âm tiết)

                2.1. Phần mở đầu  (1 phút đọc, 10 âm tiết)

                Thực hiện như sinh hoạt định kỳ.

                2.2. Phần tổ chức sinh hoạt  (1 phút đọc, 92 âm tiết)

                  – Đồng chí chủ trì nêu mục đích, yêu cầu buổi sinh hoạt chuyên đề.
                """))
        #expect(result.stdout.components(separatedBy: "\n").allSatisfy { $0.count <= 80 })
        let narrow = try cli.run(["read", "1.2"], environment: ["COLUMNS": "40"])
        let narrowLines = narrow.stdout.components(separatedBy: "\n").dropFirst()
        #expect(narrowLines.allSatisfy { $0.count <= 40 })
    }

    @Test("read --json has the documented shape, with children")
    func readJSON() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try cli.run("read", "1", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["doc", "section", "title", "path", "text", "words", "readingMinutes", "children"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let children = try #require(json["children"] as? [[String: Any]])
        #expect(children.map { $0["section"] as? String } == ["1.1", "1.2", "1.3"])
    }

    @Test("outline prints the tree with words and minutes; --json has the documented shape")
    func outline() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let text = try cli.run("outline")
        #expect(
            text.stdout == """
                Quy trình sinh hoạt chi bộ  (quy-trinh-sinh-hoat-chi-bo) · 5 phút đọc · 910 âm tiết · 200 âm tiết/phút

                Giới thiệu                         42 âm tiết    1 phút
                1. Đối với sinh hoạt định kỳ      669 âm tiết    4 phút
                  1.1. Phần mở đầu                154 âm tiết    1 phút
                  1.2. Phần tổ chức sinh hoạt     280 âm tiết    2 phút
                  1.3. Phần kết thúc              229 âm tiết    2 phút
                2. Đối với sinh hoạt chuyên đề    199 âm tiết    1 phút
                  2.1. Phần mở đầu                 10 âm tiết    1 phút
                  2.2. Phần tổ chức sinh hoạt      92 âm tiết    1 phút
                  2.3. Phần kết thúc               91 âm tiết    1 phút

                """)
        let slow = try cli.run("outline", "--rate", "100")
        #expect(slow.stdout.contains("· 10 phút đọc"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(cli.run("outline", "--json").stdout.utf8)) as? [String: Any])
        #expect(json["doc"] as? String == "quy-trinh-sinh-hoat-chi-bo")
        #expect(json["readingMinutes"] as? Int == 5)
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(Set(sections[1].keys) == ["section", "title", "level", "words", "readingMinutes", "children"])
    }

    @Test("With several documents, outline without a slug lists them, and read asks which one")
    func severalDocuments() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.write("corpus/huong-dan.md", Data("# Hướng dẫn\n\n## 1. Chuẩn bị\n\n- Việc một\n".utf8))
        let list = try cli.run("outline")
        #expect(list.stdout.contains("2 tài liệu"))
        #expect(list.stdout.contains("huong-dan"))
        let ambiguous = try cli.run("read", "1")
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("--doc huong-dan"))
        #expect(ambiguous.stderr.contains("--doc quy-trinh-sinh-hoat-chi-bo"))
        #expect(try cli.run("read", "1", "--doc", "huong-dan").stdout.contains("Việc một"))
    }

    @Test("--db and SOTAY_DB choose the index file")
    func indexLocation() throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run("index", "--db", "a.sqlite").status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.directory + "/a.sqlite"))
        #expect(try cli.run(["index"], environment: ["SOTAY_DB": "b.sqlite"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.directory + "/b.sqlite"))
        #expect(try cli.run(["search", "bao luu", "--db", "a.sqlite"]).stderr.isEmpty)
    }

    @Test("index reports bad files by name and line, exits non-zero, and keeps the old index")
    func badCorpus() throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run("index").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.directory + "/.sotay/index.sqlite"))
        try cli.write("corpus/cu.txt", Data([0x31, 0x2E, 0x20, 0x41, 0x0A, 0x43, 0xE9, 0x6E, 0x67, 0x0A]))
        let failed = try cli.run("index")
        #expect(failed.status == 3)
        #expect(failed.stderr.contains("corpus/cu.txt:2: không phải văn bản UTF-8 hợp lệ"))
        #expect(failed.stderr.contains("--skip-invalid"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.directory + "/.sotay/index.sqlite")) == before)
        let skipped = try cli.run("index", "--skip-invalid")
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("Bỏ qua: corpus/cu.txt:2:"))
        #expect(
            try cli.run("index", "khong-co-thu-muc").stderr.contains(
                "Không tìm thấy thư mục tài liệu: khong-co-thu-muc"))
    }

    @Test("A rebuild killed with -9 or interrupted leaves the old index searchable")
    func interruptedRebuild() throws {
        let cli = try CLI()
        defer { cli.remove() }
        // A corpus large enough that the rebuild is still running when it is stopped.
        let base = try String(contentsOfFile: cli.directory + "/corpus/quy-trinh-sinh-hoat-chi-bo.txt", encoding: .utf8)
        let body = base.components(separatedBy: "---\n").last!
        #expect(try cli.run("index").status == 0)
        let before = try cli.run("search", "bao luu", "--json").stdout
        for n in 0..<400 {
            try cli.write("corpus/ban-\(n).txt", Data(String(repeating: body, count: 6).utf8))
        }
        for signal in [SIGKILL, SIGINT] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["index"]
            process.currentDirectoryURL = URL(fileURLWithPath: cli.directory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the temporary file exists, then stop the build mid-way.
            let temporary = cli.directory + "/.sotay/index.sqlite.building-\(process.processIdentifier)"
            for _ in 0..<500 where !FileManager.default.fileExists(atPath: temporary) {
                Thread.sleep(forTimeInterval: 0.01)
            }
            #expect(FileManager.default.fileExists(atPath: temporary))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            if signal == SIGINT { #expect(!FileManager.default.fileExists(atPath: temporary)) }
            // Searched from elsewhere, so the changed ./corpus does not trigger a rebuild.
            let elsewhere = try CLI(withCorpus: false)
            defer { elsewhere.remove() }
            let after = try elsewhere.run([
                "search", "bao luu", "--json", "--db", cli.directory + "/.sotay/index.sqlite",
            ])
            #expect(after.status == 0)
            #expect(after.stdout == before)
        }
    }

    @Test(
        "On a terminal matches are bold, unless NO_COLOR is set",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func bold() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.run("index")
        // script(1) gives the command a pseudo-terminal, as a user's shell would.
        let command = "\(CLI.binary) search cu thu ky --limit 1"
        let tty = try cli.runInTerminal(command)
        #expect(tty.stdout.contains("\u{1B}[1mCử thư ký\u{1B}[22m"))
        let plain = try cli.runInTerminal(command, environment: ["NO_COLOR": "1"])
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(plain.stdout.contains("**Cử thư ký**"))
    }

    @Test("An index written by another version of sotay is rebuilt from ./corpus on first use")
    func outdatedIndex() throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run("index").status == 0)
        let index = cli.directory + "/.sotay/index.sqlite"
        /// Pretends an older layout: the schema version no longer matches.
        func downgrade() throws {
            try #require(try cli.sqlite3(index, Self.downgrade).status == 0)
        }
        try downgrade()
        let result = try cli.run("search", "bao", "luu")
        #expect(result.status == 0)
        #expect(result.stderr.contains("được tạo bởi phiên bản khác"))
        #expect(result.stdout.contains("1.2. Phần tổ chức sinh hoạt"))
        // Elsewhere, without a corpus to rebuild from, it says what to do.
        try downgrade()
        let elsewhere = try CLI(withCorpus: false)
        defer { elsewhere.remove() }
        let stale = try elsewhere.run("search", "bao", "--db", index)
        #expect(stale.status == 3)
        #expect(stale.stderr.contains("Hãy chạy lại: sotay index"))
    }

    @Test(
        "index shows its progress on a terminal, and not when stderr is piped",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progress() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let tty = try cli.runInTerminal("\(CLI.binary) index --full")
        #expect(tty.stdout.contains("Đọc tài liệu: 1/1 tài liệu · "))
        #expect(tty.stdout.contains(" KB/giây · còn "))
        // Every step is named as it starts, the writing last, and the line is cleared after.
        let ranking = try #require(tty.stdout.range(of: "Xếp hạng sẵn các từ thường gặp: 0/9 mục"))
        let writing = try #require(tty.stdout.range(of: "Đang ghi chỉ mục…"))
        #expect(ranking.upperBound <= writing.lowerBound)
        #expect(tty.stdout[writing.upperBound...].hasPrefix("\r\u{1B}[KĐã lập chỉ mục 1 tài liệu"))
        let piped = try cli.run("index", "--full")
        #expect(!piped.stderr.contains("tài liệu ·"))
        #expect(piped.stdout.hasPrefix("Đã lập chỉ mục 1 tài liệu, 9 mục"))
        // Again, with nothing changed: said so, not "indexed".
        let again = try cli.run("index")
        #expect(again.status == 0)
        #expect(again.stdout.contains("đã khớp với thư mục tài liệu (1 tài liệu, 9 mục): không có gì thay đổi"))
    }

    @Test("The progress line: each step with its own rate and time left, numbers written the Vietnamese way")
    func progressLine() {
        let start = Date(timeIntervalSinceReferenceDate: 0)
        var progress = IndexBuilder.Progress(
            documentsDone: 250, documentsTotal: 1000, bytesDone: 25_200_000, bytesTotal: 101_300_000)
        // 25.2 MB in 2 s: 12.6 MB a second, 76.1 MB left, 6.04 s, rounded up.
        #expect(
            Progress.line(progress, since: start, stepSince: start, now: start + 2)
                == "Đọc tài liệu: 250/1000 tài liệu · 25,2/101,3 MB · 12,6 MB/giây · còn 7 giây")
        progress.bytesDone = 0
        #expect(!Progress.line(progress, since: start, stepSince: start, now: start + 2).contains("còn"))
        (progress.bytesDone, progress.bytesTotal) = (4_000, 9_500)
        #expect(
            Progress.line(progress, since: start, stepSince: start, now: start + 0.5)
                == "Đọc tài liệu: 250/1000 tài liệu · 4,0/9,5 KB · 8,0 KB/giây · còn 1 giây")
        // Ranking counts from its own start, not the build's: 40,000 sections in 1 s since it began.
        progress.step = .ranking
        (progress.listSectionsDone, progress.listSectionsTotal) = (40_000, 162_000)
        #expect(
            Progress.line(progress, since: start, stepSince: start + 3, now: start + 4)
                == "Xếp hạng sẵn các từ thường gặp: 40000/162000 mục · còn 4 giây")
        progress.listSectionsDone = 0
        #expect(
            Progress.line(progress, since: start, stepSince: start + 3, now: start + 4)
                == "Xếp hạng sẵn các từ thường gặp: 0/162000 mục")
        progress.step = .writing
        #expect(Progress.line(progress, since: start, stepSince: start + 5, now: start + 6) == "Đang ghi chỉ mục…")
        #expect(Progress.timeLeft(99) == " · còn 99 giây")
        #expect(Progress.timeLeft(99.2) == " · còn 2 phút")
        #expect(Progress.timeLeft(185) == " · còn 4 phút")
        #expect(Progress.timeLeft(.infinity) == "")
        #expect(Progress.decimal(6.04) == "6,0" && Progress.decimal(1234.56) == "1234,6")
    }

    @Test("A query cut to its first words says so")
    func truncated() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let long = try cli.run(["search"] + Array(repeating: "sinh hoat", count: 20))
        #expect(long.status == 0)
        #expect(long.stderr.contains("chỉ tìm theo 24 từ đầu"))
        #expect(!(try cli.run("search", "sinh", "hoat").stderr.contains("chỉ tìm theo")))
    }

    @Test("Shell completions are generated")
    func completions() throws {
        let cli = try CLI(withCorpus: false)
        defer { cli.remove() }
        let bash = try cli.run("--generate-completion-script", "bash")
        #expect(bash.status == 0)
        #expect(bash.stdout.contains("search"))
    }
}

@Suite("JSON layout")
struct JSONLayoutTests {
    @Test("Compact JSON is indented by two spaces; empty containers and number arrays stay on one line")
    func indent() {
        #expect(
            JSONOutput.indent(#"{"a":[1,2],"b":[],"c":{},"d":"x,{y}"}"#) == """
                {
                  "a": [1, 2],
                  "b": [],
                  "c": {},
                  "d": "x,{y}"
                }
                """)
    }
}
