import ArgumentParser
import SoTayCore

extension SoTay {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tìm trong sổ tay, gõ có dấu hoặc không dấu.",
            discussion: """
                Cú pháp:
                  cu thu ky          mọi từ đều phải có (không phân biệt dấu, hoa thường)
                  "thu ky"           cụm từ đúng thứ tự
                  bien*              từ bắt đầu bằng "bien"
                  -chuyen            loại các mục có từ "chuyen"
                  dinh OR chuyen     một trong hai
                Gõ có dấu ("đáng") thì các mục có đúng dấu đó được xếp trước.
                """)

        @Argument(parsing: .allUnrecognized, help: "Từ cần tìm.")
        var query: [String] = []

        @OptionGroup var options: HandbookOptions

        @Option(help: ArgumentHelp("Số kết quả tối đa.", valueName: "N"))
        var limit = 10

        @Flag(help: "In kết quả dạng JSON.")
        var json = false

        static let limits = 1...100

        func validate() throws {
            guard Self.limits.contains(limit) else {
                throw ValidationError("--limit phải từ 1 đến 100 (đã nhập \(limit))")
            }
        }

        func run() throws {
            try Self.perform(query: query, limit: limit, json: json, db: options.db, rate: options.rate)
        }

        /// The search itself, shared with the start-up fast path (``FastSearch``).
        static func perform(query: [String], limit: Int, json: Bool, db: String?, rate: Int) throws {
            let text = query.joined(with: " ")
            let parsed = try SearchQuery.parse(text)
            if parsed.truncated { Terminal.printError(SearchQuery.truncationNote) }
            let handbook = try IndexLocation.openHandbook(db: db, rate: rate)
            // Left open for the few microseconds until exit: closing a connection (statements,
            // queue, observers) costs a one-search process more than its query.
            KeptOpen.untilExit(handbook)
            let results = try handbook.search(parsed, limit: limit)
            if json {
                try JSONOutput.print(SearchResponse(query: parsed.text, results: results))
            } else {
                print(SearchRendering.text(results, width: Terminal.width), terminator: "")
            }
            if results.isEmpty {
                // A last word typed in part ("bao lu") is named with the search that finds it.
                let advice =
                    handbook.unfinished(text, searched: parsed) != nil
                    ? "Từ cuối chưa gõ hết? Thử: sotay search \"\(parsed.text)*\""
                    : "Thử bớt từ, gõ không dấu, hoặc dùng tiền tố (ví dụ: bien*)."
                throw NothingFound(message: "Không tìm thấy mục nào cho \"\(parsed.text)\". " + advice)
            }
        }
    }
}

enum SearchRendering {
    static func text(_ results: [SearchResult], width: Int) -> String {
        var out = ""
        for (n, result) in results.enumerated() {
            let number = result.section.isEmpty ? "" : result.section + ". "
            let marker = "\(n + 1). "
            let indent = String(repeating: " ", count: marker.count)
            out +=
                marker + Terminal.bold(number + result.title) + "  "
                + Terminal.dim("(\(Terminal.minutes(result.readingMinutes)))") + "\n"
            for line in Wrapping.wrap(
                result.path.joined(with: " › "), width: width, firstPrefix: indent, indent: indent)
            {
                out += Terminal.dim(line) + "\n"
            }
            // Plain marks take columns, so they are in place before wrapping; bold takes none.
            let snippet =
                Terminal.useBold
                ? result.snippet.rendered(open: "\u{1}", close: "\u{2}")
                : result.snippet.rendered(open: "**", close: "**")
            for line in Wrapping.wrap(snippet, width: width, firstPrefix: indent, indent: indent) {
                out += highlight(line) + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// Bold on a terminal; piped or with NO_COLOR the snippet already has `**word**`.
    static func highlight(_ line: String) -> String {
        // By scalars rather than Foundation's replacing, which costs a search's start-up
        // bridging to NSString.
        var out = ""
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\u{1}": out += "\u{1B}[1m"
            case "\u{2}": out += "\u{1B}[22m"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
