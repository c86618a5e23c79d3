import ArgumentParser
import Foundation
import SoTayCore

extension SoTay {
    struct Checklist: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In danh sách việc cần làm của một buổi sinh hoạt, hoặc một phần của buổi.",
            discussion: """
                Danh sách được lấy từ tài liệu quy trình trong chỉ mục. Không có KIND: liệt kê các loại \
                sinh hoạt và các phần. KIND và PHASE gõ có dấu hay không dấu, theo số mục (1, 1.1) \
                hoặc phần đầu của tên (dinh, chuyen, ket-hop; mo, to-chuc, ket).
                Ví dụ: sotay checklist dinh-ky --phase mo-dau --chi-bo "Chi bộ 3" --date 05/12/2026
                """)

        @Argument(help: "Loại sinh hoạt: dinh-ky, chuyen-de, ket-hop…")
        var kind: String?

        @Option(help: ArgumentHelp("Chỉ một phần: mo-dau, to-chuc-sinh-hoat, ket-thuc…", valueName: "PHASE"))
        var phase: String?

        @Option(help: ArgumentHelp("Định dạng: text, markdown, html, json.", valueName: "FORMAT"))
        var format = "text"

        @Option(name: .customLong("chi-bo"), help: ArgumentHelp("Tên chi bộ in ở đầu trang.", valueName: "NAME"))
        var chiBo: String?

        @Option(help: ArgumentHelp("Ngày sinh hoạt in ở đầu trang.", valueName: "DATE"))
        var date: String?

        @Option(help: ArgumentHelp("Ghi ra tệp thay vì in ra màn hình.", valueName: "FILE"))
        var out: String?

        @Option(help: ArgumentHelp("Tài liệu quy trình, khi có nhiều.", valueName: "SLUG"))
        var doc: String?

        @OptionGroup var options: HandbookOptions

        func validate() throws {
            guard ChecklistFormat(rawValue: format.lowercased()) != nil else {
                throw ValidationError(ChecklistError.unknownFormat(format).message)
            }
            if phase != nil, kind == nil {
                throw ValidationError("--phase cần có loại sinh hoạt, ví dụ: sotay checklist dinh-ky --phase mo-dau")
            }
        }

        func run() throws {
            let procedure = try options.openHandbook().procedure(doc: doc)
            guard let kind else {
                print(ChecklistListing.text(procedure), terminator: "")
                return
            }
            do {
                let meeting = try ChecklistSelector.kind(kind, in: procedure)
                let selected = try phase.map { try ChecklistSelector.phase($0, of: meeting) }
                let checklist = procedure.checklist(
                    kind: meeting, phase: selected, chiBo: chiBo.flatMap(nonEmpty), date: date.flatMap(nonEmpty))
                let rendered = try ChecklistFormat(rawValue: format.lowercased())!.render(checklist)
                if let out {
                    try OutputFile.write(rendered, to: out)
                    Terminal.printError("Đã ghi \(out)")
                } else {
                    print(rendered, terminator: "")
                }
            } catch let error as ChecklistError {
                // Unknown or ambiguous names are usage errors: exit 2 with the valid choices.
                throw ValidationError(error.message)
            }
        }

        private func nonEmpty(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}

enum ChecklistFormat: String {
    case text, markdown, html, json

    func render(_ checklist: SoTayCore.Checklist) throws -> String {
        switch self {
        case .text: ChecklistText.render(checklist)
        case .markdown: ChecklistMarkdown.render(checklist)
        case .html: ChecklistHTML.page(checklist)
        case .json: JSONOutput.string(checklist) + "\n"
        }
    }
}

enum ChecklistListing {
    static func text(_ procedure: Procedure) -> String {
        var out = "Các loại sinh hoạt theo \(procedure.title):\n\n"
        let idWidth = procedure.kinds.map(\.id.count).max() ?? 0
        let phaseWidth = procedure.kinds.flatMap(\.phases).map(\.phase.count).max() ?? 0
        for kind in procedure.kinds {
            out +=
                "  " + kind.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  " + kind.title
                + " (mục \(kind.source))\n"
            for phase in kind.phases {
                out +=
                    "  " + String(repeating: " ", count: idWidth) + "    "
                    + phase.phase.padding(toLength: phaseWidth, withPad: " ", startingAt: 0) + "  "
                    + phase.title + " (\(phase.source))\n"
            }
        }
        let example =
            procedure.kinds.first.map { kind in
                "sotay checklist \(kind.id)" + (kind.phases.first.map { " --phase \($0.phase)" } ?? "")
            } ?? "sotay checklist"
        return out + "\nVí dụ: \(example)\n"
    }
}

/// Writes a file whole or not at all: to a temporary file beside it, then renamed.
enum OutputFile {
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw WriteError(path: path)
        }
    }

    struct WriteError: UserFacingError {
        var path: String
        var message: String { "Không ghi được tệp \(path) (kiểm tra thư mục và quyền ghi)" }
    }
}
