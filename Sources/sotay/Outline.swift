import ArgumentParser
import SoTayCore

extension SoTay {
    struct Outline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mục lục tài liệu, với số âm tiết và thời gian đọc từng mục.",
            discussion: "Không có SLUG và có nhiều tài liệu: liệt kê các tài liệu.")

        @Argument(help: "Tên tài liệu.")
        var slug: String?

        @OptionGroup var options: HandbookOptions

        @Flag(help: "In dạng JSON.")
        var json = false

        func run() throws {
            let handbook = try options.openHandbook()
            let documents = try handbook.documents()
            guard let slug = slug ?? (documents.count == 1 ? documents[0].doc : nil) else {
                if json {
                    try JSONOutput.print(documents)
                } else {
                    print(OutlineRendering.list(documents), terminator: "")
                }
                return
            }
            let match = try handbook.document(slug)
            guard let match else {
                throw LookupError.noDocument(slug, available: documents.map(\.doc))
            }
            let outline = try handbook.outline(match.doc)
            if json {
                try JSONOutput.print(outline)
            } else {
                print(OutlineRendering.text(outline, rate: options.rate), terminator: "")
            }
        }
    }
}

enum OutlineRendering {
    static func text(_ outline: SoTayCore.Outline, rate: Int) -> String {
        var rows: [(label: String, words: Int, minutes: Int)] = []
        func visit(_ entry: SoTayCore.Outline.Entry, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            let number = entry.section.isEmpty ? "" : entry.section + ". "
            rows.append((indent + number + entry.title, entry.words, entry.readingMinutes))
            for child in entry.children { visit(child, depth: depth + 1) }
        }
        outline.sections.forEach { visit($0, depth: 0) }
        let labelWidth = min(56, rows.map(\.label.count).max() ?? 0)
        var out =
            Terminal.bold(outline.title) + "  "
            + Terminal.dim(
                "(\(outline.doc)) · \(Terminal.minutes(outline.readingMinutes)) · \(outline.words) âm tiết · \(rate) âm tiết/phút"
            ) + "\n\n"
        for row in rows {
            let label = row.label.count > labelWidth ? String(row.label.prefix(labelWidth - 1)) + "…" : row.label
            let padding = String(repeating: " ", count: labelWidth - label.count)
            out += label + padding + "  " + pad(row.words, 5) + " âm tiết  " + pad(row.minutes, 3) + " phút\n"
        }
        return out
    }

    static func list(_ documents: [DocumentSummary]) -> String {
        var out = "\(documents.count) tài liệu:\n\n"
        let slugWidth = documents.map(\.doc.count).max() ?? 0
        for document in documents {
            out +=
                document.doc + String(repeating: " ", count: slugWidth - document.doc.count) + "  "
                + document.title + "  "
                + Terminal.dim("(\(Terminal.minutes(document.readingMinutes)), \(document.words) âm tiết)") + "\n"
        }
        return out + "\nXem mục lục: sotay outline SLUG\n"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
