import ArgumentParser
import SoTayCore

extension SoTay {
    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đọc một mục theo số (ví dụ 1.2) cùng các mục con.",
            discussion: "Số 0 là phần giới thiệu đầu tài liệu.")

        @Argument(help: "Số mục, ví dụ 1.2 hoặc \"Điều 5\".")
        var section: String

        @Option(help: ArgumentHelp("Tên tài liệu (xem: sotay outline).", valueName: "SLUG"))
        var doc: String?

        @OptionGroup var options: HandbookOptions

        @Flag(help: "In dạng JSON.")
        var json = false

        func run() throws {
            let tree = try options.openHandbook().read(section, doc: doc)
            if json {
                try JSONOutput.print(tree)
            } else {
                print(ReadRendering.text(tree, width: Terminal.width), terminator: "")
            }
        }
    }
}

enum ReadRendering {
    static func text(_ tree: SectionTree, width: Int) -> String {
        var out = Terminal.dim(tree.path.joined(separator: " › ")) + "\n"
        out += section(tree, width: width, isRoot: true)
        return out
    }

    private static func section(_ tree: SectionTree, width: Int, isRoot: Bool) -> String {
        let number = tree.section.isEmpty ? "" : tree.section + ". "
        var out = isRoot ? "" : "\n"
        let info = "(\(Terminal.minutes(tree.readingMinutes)), \(tree.words) âm tiết)"
        var heading = Wrapping.wrap(number + tree.title, width: width)
        let last = heading.removeLast()
        heading = heading.map(Terminal.bold)
        if last.count + 2 + info.count <= width {
            heading.append(Terminal.bold(last) + "  " + Terminal.dim(info))
        } else {
            heading += [Terminal.bold(last), Terminal.dim(info)]
        }
        out += heading.joined(separator: "\n") + "\n"
        for block in Block.blocks(of: tree.text) {
            out += "\n"
            switch block {
            case .bullet(let text):
                out +=
                    Wrapping.wrap(text, width: width, firstPrefix: "  – ", indent: "    ").joined(separator: "\n")
                    + "\n"
            case .paragraph(let text):
                out += Wrapping.wrap(text, width: width).joined(separator: "\n") + "\n"
            }
        }
        for child in tree.children { out += section(child, width: width, isRoot: false) }
        return out
    }
}
