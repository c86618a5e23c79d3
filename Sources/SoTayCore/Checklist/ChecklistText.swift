/// The checklist for a terminal or a printer: 80 columns, a box per item, blanks to fill in,
/// signature lines for the chair and the secretary.
public enum ChecklistText {
    public static let width = 80

    public static func render(_ checklist: Checklist) -> String {
        var lines: [String] = []
        lines.append(centered("DANH SÁCH VIỆC CẦN LÀM"))
        let scope = checklist.phases.count == 1 ? " — \(checklist.phases[0].title)" : ""
        lines.append(centered(checklist.title.uppercased() + scope.uppercased()))
        lines.append(centered("(theo \(checklist.documentTitle))"))
        lines.append("")
        lines.append(
            "Chi bộ: " + (checklist.chiBo ?? String(repeating: "_", count: 36))
                + "   Ngày: " + (checklist.date ?? "____/____/________"))
        for phase in checklist.phases {
            lines.append("")
            lines.append(String(repeating: "═", count: width))
            lines.append(phase.title.uppercased() + " (mục \(phase.source))")
            if let reference = phase.reference {
                lines += Wrapping.wrap("Thực hiện \(reference).", width: width)
            }
            if let responsible = phase.responsible {
                lines += Wrapping.wrap("Người thực hiện: \(responsible)", width: width, indent: "  ")
            }
            lines.append(String(repeating: "─", count: width))
            for item in phase.items {
                lines.append("")
                var wrapped = Wrapping.wrap(item.text, width: width - 7, firstPrefix: "☐ ", indent: "  ")
                let tag = "[\(item.source)]"
                let last = wrapped.removeLast()
                wrapped.append(last + String(repeating: " ", count: max(1, width - last.count - tag.count)) + tag)
                lines += wrapped
                for field in item.fields { lines += render(field) }
            }
            if !phase.notes.isEmpty {
                lines.append("")
                lines.append("Ghi chú:")
                for note in phase.notes { lines += Wrapping.wrap(note, width: width, firstPrefix: "  ", indent: "  ") }
            }
        }
        lines.append("")
        lines.append(String(repeating: "═", count: width))
        lines += signatures()
        return lines.joined(separator: "\n") + "\n"
    }

    static func render(_ field: Checklist.Field) -> [String] {
        let blank = field.kind == .count ? "________" : String(repeating: "_", count: 40)
        var line = "    \(field.label): \(blank)"
        if !field.parts.isEmpty {
            line += " (" + field.parts.map { "\($0): ______" }.joined(separator: ", ") + ")"
        }
        var lines = [line]
        if let note = field.note {
            lines.append(
                "      \(ProcedureDeriver.capitalized(note)): "
                    + String(repeating: "_", count: max(10, width - 10 - note.count)))
            lines.append("      " + String(repeating: "_", count: width - 6))
        }
        return lines
    }

    static func signatures() -> [String] {
        let half = width / 2
        func row(_ left: String, _ right: String) -> String {
            let l = centered(left, in: half)
            return l + String(repeating: " ", count: max(1, half - l.count)) + centered(right, in: half)
        }
        return [
            row("CHỦ TRÌ", "THƯ KÝ"),
            row("(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên)"),
            "", "", "",
            row("______________________", "______________________"),
        ]
    }

    static func centered(_ text: String, in width: Int = ChecklistText.width) -> String {
        String(repeating: " ", count: max(0, (width - text.count) / 2)) + text
    }
}

/// The checklist as a Markdown task list, a heading per phase.
public enum ChecklistMarkdown {
    public static func render(_ checklist: Checklist) -> String {
        var out = "# Danh sách việc cần làm: \(checklist.title)"
        if checklist.phases.count == 1 { out += " — \(checklist.phases[0].title)" }
        out += "\n\n_Theo \(checklist.documentTitle)._\n\n"
        out += "- Chi bộ: \(checklist.chiBo ?? "…………………………")\n- Ngày: \(checklist.date ?? "……/……/…………")\n"
        for phase in checklist.phases {
            out += "\n## \(phase.title) (mục \(phase.source))\n\n"
            if let reference = phase.reference { out += "Thực hiện \(reference).\n\n" }
            if let responsible = phase.responsible { out += "**Người thực hiện:** \(responsible)\n\n" }
            for item in phase.items {
                out += "- [ ] \(item.text) _(\(item.source))_\n"
                for field in item.fields {
                    var line = "  - \(field.label): ______"
                    if !field.parts.isEmpty {
                        line += " (" + field.parts.map { "\($0): ______" }.joined(separator: ", ") + ")"
                    }
                    if let note = field.note { line += " — \(note): ______________________" }
                    out += line + "\n"
                }
            }
            if !phase.notes.isEmpty {
                out += "\n" + phase.notes.map { "> \($0)" }.joined(separator: "\n>\n") + "\n"
            }
        }
        out += "\n---\n\n| Chủ trì | Thư ký |\n| --- | --- |\n| (Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên) |\n"
        return out
    }
}
