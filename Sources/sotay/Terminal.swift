import Foundation
import SoTayCore

/// What the terminal can do: width, and whether to use bold (a TTY without NO_COLOR).
enum Terminal {
    // Asked once: every styled line asks again.
    static let isTTY = isatty(STDOUT_FILENO) == 1

    static let useBold =
        isTTY && (Environment.value("NO_COLOR") ?? "").isEmpty && Environment.value("TERM") != "dumb"

    /// The terminal's width, or 80 when the output is piped.
    static var width: Int {
        if let columns = Environment.value("COLUMNS").flatMap(Int.init), columns >= 20 {
            return columns
        }
        guard isTTY else { return 80 }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        return 80
    }

    static func bold(_ text: String) -> String {
        useBold ? "\u{1B}[1m\(text)\u{1B}[22m" : text
    }

    static func dim(_ text: String) -> String {
        useBold ? "\u{1B}[2m\(text)\u{1B}[22m" : text
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// "5 phút đọc"
    static func minutes(_ n: Int) -> String { "\(n) phút đọc" }
}

extension Error {
    /// The user-facing message of any error the core throws.
    var userMessage: String {
        (self as? any UserFacingError)?.message ?? "Lỗi không xác định: \(self)"
    }
}
