import ArgumentParser
import Foundation
import Hummingbird
import Logging
import SoTayCore
import SoTayServer

extension SoTay {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mở sổ tay thành trang web trên máy này, để cả chi bộ đọc và in bằng trình duyệt.",
            discussion: """
                Mặc định chỉ máy này truy cập được (127.0.0.1). Dùng --host 0.0.0.0 để các máy trong \
                mạng nội bộ cùng dùng. Chỉ mục được mở chỉ để đọc; khi chạy lại sotay index, trang web \
                tự dùng chỉ mục mới, không cần khởi động lại.
                """)

        @Option(help: ArgumentHelp("Địa chỉ lắng nghe (0.0.0.0: cả mạng nội bộ).", valueName: "HOST"))
        var host = "127.0.0.1"

        @Option(help: ArgumentHelp("Cổng (0: chọn cổng trống).", valueName: "PORT"))
        var port = 8080

        @Option(help: ArgumentHelp("Tệp đếm lượt xem (mặc định: views.sqlite cạnh chỉ mục).", valueName: "FILE"))
        var views: String?

        @OptionGroup var options: HandbookOptions

        func validate() throws {
            guard (0...65535).contains(port) else {
                throw ValidationError("--port phải từ 0 đến 65535 (đã nhập \(port))")
            }
        }

        func run() async throws {
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
            let arguments = ServeArguments(
                host: host, port: port, indexPath: IndexLocation.resolve(options.db), viewsPath: nil,
                readingRate: options.rate)
            _ = try IndexLocation.openFresh(arguments.indexPath)
            var resolved = arguments
            resolved.viewsPath = views ?? ViewsLocation.defaultPath(besides: arguments.indexPath)
            let host = host
            let app = try buildApplication(resolved) { url in
                var lines = ["Sổ tay đang chạy: \(url)  (Ctrl-C để dừng)"]
                if host == "0.0.0.0" || host == "::" {
                    let port = URL(string: url)?.port ?? 0
                    lines.append("Đang phục vụ cả mạng nội bộ. Từ máy khác, mở:")
                    lines += NetworkAddresses.ipv4().map { "  http://\($0):\(port)/" }
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
            try await app.runService()
        }
    }
}

struct ServeArguments: ServerArguments {
    var host: String
    var port: Int
    var indexPath: String
    var viewsPath: String?
    var readingRate: Int
}

/// Where view counts go: beside the index, or, when that folder cannot be written (the
/// server run as an ordinary user), in the user's state folder.
enum ViewsLocation {
    static func defaultPath(besides index: String) -> String {
        let directory = (index as NSString).deletingLastPathComponent
        let beside = (directory.isEmpty ? "." : directory) + "/views.sqlite"
        let fm = FileManager.default
        if fm.fileExists(atPath: beside)
            ? fm.isWritableFile(atPath: beside) && fm.isWritableFile(atPath: directory.isEmpty ? "." : directory)
            : fm.isWritableFile(atPath: directory.isEmpty ? "." : directory)
        {
            return beside
        }
        let state =
            Environment.value("XDG_STATE_HOME")
            ?? (Environment.value("HOME").map { $0 + "/.local/state" } ?? NSTemporaryDirectory())
        return state + "/sotay/views.sqlite"
    }
}

enum NetworkAddresses {
    /// This machine's IPv4 addresses other than loopback, for the start-up message.
    static func ipv4() -> [String] {
        var addresses: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            if let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) {
                var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                if getnameinfo(
                    address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0,
                    NI_NUMERICHOST) == 0
                {
                    let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                    if !text.hasPrefix("127.") { addresses.append(text) }
                }
            }
            cursor = entry.pointee.ifa_next
        }
        return addresses
    }
}
