import Foundation
import Testing

@Suite("sotay serve, end to end", .serialized)
struct ServeTests {
    @Test("The real server answers pages and the API over HTTP, and stops on Ctrl-C")
    func serves() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let server = try RunningServer(in: cli.directory)
        #expect(server.url.hasPrefix("http://127.0.0.1:"))
        let home = try await server.get("/")
        #expect(home.status == 200)
        #expect(home.body.contains("Quy trình sinh hoạt chi bộ"))
        let api = try await server.get("/api/search?q=cu+thu+ky")
        #expect(api.status == 200)
        #expect(api.body.contains("\"section\":\"1.1\""))
        let missing = try await server.get("/khong-co")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Không có trang này trong sổ tay."))
        #expect(server.stop() == 0)
    }

    @Test("A slow client that never finishes its request does not hold the server up")
    func slowClient() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let server = try RunningServer(in: cli.directory)
        defer { server.stop() }
        let port = UInt16(URL(string: server.url)!.port!)
        // Several connections send half a request and then nothing.
        var sockets: [Int32] = []
        for _ in 0..<8 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            #expect(connected == 0)
            _ = "GET /search?q=bao HTTP/1.1\r\nHost: x\r\n".withCString { send(fd, $0, strlen($0), 0) }
            sockets.append(fd)
        }
        defer { sockets.forEach { close($0) } }
        let start = Date()
        let answer = try await server.get("/api/search?q=bao+luu")
        #expect(answer.status == 200)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("--host 0.0.0.0 says that the local network is served")
    func network() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let server = try RunningServer(in: cli.directory, arguments: ["--host", "0.0.0.0"])
        defer { server.stop() }
        #expect(server.startupOutput.contains("Đang phục vụ cả mạng nội bộ"))
        #expect(try await server.get("/api/docs").status == 200)
    }

    @Test("A rebuild while serving fails no request, and the new index is served without a restart")
    func rebuildWhileServing() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run("index").status == 0)
        let server = try RunningServer(in: cli.directory)
        defer { server.stop() }
        let base = try String(contentsOfFile: cli.directory + "/corpus/quy-trinh-sinh-hoat-chi-bo.txt", encoding: .utf8)
            .components(separatedBy: "---\n").last!
        for n in 0..<60 { try cli.write("corpus/ban-\(n).txt", Data(String(repeating: base, count: 4).utf8)) }
        try cli.write("corpus/ky-luat.txt", Data("1. Kỷ luật Đảng\n\nNội dung về kỷ luật đảng viên.\n".utf8))
        let finished = Flag()
        let rebuild = Task.detached {
            defer { finished.set() }
            return try cli.run("index")
        }
        // Requests keep coming for as long as the rebuild runs, and on past the swap: on a
        // loaded machine a single request may outlast the whole rebuild.
        var statuses: [Int] = []
        var duringRebuild = 0
        repeat {
            if !finished.isSet { duringRebuild += 1 }
            statuses.append(try await server.get("/api/search?q=bao+luu").status)
        } while (!finished.isSet || statuses.count < 20) && statuses.count < 2000
        #expect(try await rebuild.value.status == 0)
        #expect(duringRebuild >= 1)
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
        try await Task.sleep(for: .seconds(1))
        let after = try await server.get("/api/search?q=ky+luat+dang")
        #expect(after.body.contains("\"doc\":\"ky-luat\""))
    }

    @Test(
        "It serves as an ordinary user who cannot write the index's folder",
        .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func readOnly() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run("index").status == 0)
        // The folders stay root's, readable by all; the server runs as nobody. The binary is
        // copied beside them, since the build folder may sit where nobody cannot enter.
        chmod(cli.directory, 0o755)
        chmod(cli.directory + "/.sotay", 0o755)
        let binary = cli.directory + "/sotay"
        try FileManager.default.copyItem(atPath: CLI.binary, toPath: binary)
        chmod(binary, 0o755)
        let server = try RunningServer(
            in: cli.directory, prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
            binary: binary)
        defer { server.stop() }
        #expect(try await server.get("/api/search?q=bao+luu").body.contains("\"section\":\"1.2\""))
        #expect(try await server.get("/docs/quy-trinh-sinh-hoat-chi-bo").status == 200)
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/.sotay/views.sqlite"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory + "/.sotay") == ["index.sqlite"])
    }

    @Test(
        "In a real browser, typing a query shows the right section; the checklist page prints a page per phase",
        .enabled(if: Browser.available, "needs chromium and poppler-utils (installed by .ci/run)"))
    func browser() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let server = try RunningServer(in: cli.directory)
        defer { server.stop() }
        // Server-rendered results, as a browser without JavaScript sees them.
        let dom = try Browser.dumpDOM(server.url + "/search?q=cu+thu+ky")
        #expect(dom.contains("1.1. Phần mở đầu"))
        #expect(dom.contains("<mark>Cử thư ký</mark>"))
        // Typed into the search box: the live results come through the JSON API.
        let script = CLI.packageRoot.appendingPathComponent("Tests/sotayTests/Scripts/type-query.py").path
        // Half-typed: "lu" is the beginning of "lưu", as search-as-you-type tools read it.
        let typed = try Browser.run(
            "/usr/bin/env", ["python3", script, Browser.chromium ?? "chromium", server.url + "/search", "bao lu"])
        let lines = typed.split(separator: "\n").map(String.init)
        #expect(lines.first == "/search?q=bao%20lu&partial=1")
        #expect(lines.dropFirst().first == "1.2. Phần tổ chức sinh hoạt /docs/quy-trinh-sinh-hoat-chi-bo#muc-1-2")
        // The checklist page prints one A4 page per phase and none of the screen chrome.
        let pdf = cli.directory + "/checklist.pdf"
        try Browser.printToPDF(server.url + "/checklist?kind=dinh-ky&chi_bo=Chi+b%E1%BB%99+3", to: pdf)
        #expect(try Browser.pages(pdf) == 3)
        let text = try Browser.text(pdf).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Chi bộ: Chi bộ 3"))
        #expect(text.contains("Giới thiệu đại biểu (nếu có)."))
        #expect(!text.contains("Xem danh sách"))
        #expect(!text.contains("Tải bản"))
        #expect(!text.contains("không cần Internet"))
    }
}

/// A one-way switch shared between tasks.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
