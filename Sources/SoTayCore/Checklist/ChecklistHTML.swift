/// The checklist as one self-contained HTML page: inline CSS, no external assets, a font stack
/// that renders Vietnamese, and a print stylesheet giving A4 pages, one phase per page.
public enum ChecklistHTML {
    /// The print-ready styles, shared with the web handbook's checklist page.
    public static let stylesheet = """
        @page { size: A4; margin: 15mm 16mm 16mm; }
        .checklist { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          font-size: 10.5pt; line-height: 1.42; color: #111; }
        .checklist .phase { max-width: 46rem; margin: 0 auto; }
        .checklist header { text-align: center; margin-bottom: 0.8em; }
        .checklist .eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.85em; margin: 0; }
        .checklist h1 { font-size: 1.35em; margin: 0.15em 0; text-transform: uppercase; }
        .checklist .from { font-style: italic; margin: 0; font-size: 0.9em; }
        .checklist .meta { display: flex; justify-content: space-between; gap: 1em; margin: 0.8em 0 0; text-align: left; }
        .checklist h2 { font-size: 1.1em; border-bottom: 2px solid #111; padding-bottom: 0.2em; margin: 0.6em 0 0.4em; }
        .checklist .source { font-weight: normal; font-size: 0.8em; color: #444; white-space: nowrap; }
        .checklist .reference, .checklist .responsible { margin: 0.3em 0; }
        .checklist ul.items { list-style: none; padding: 0; margin: 0.6em 0; }
        .checklist ul.items > li { display: flex; gap: 0.6em; margin: 0 0 0.55em; break-inside: avoid; }
        .checklist .box { flex: none; width: 0.95em; height: 0.95em; margin-top: 0.22em; border: 1.5px solid #111;
          border-radius: 2px; box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .checklist ul.fields { list-style: none; padding: 0; margin: 0.3em 0 0 0.2em; }
        .checklist ul.fields li { margin: 0.25em 0; }
        .checklist .blank { display: inline-block; min-width: 5.5em; border-bottom: 1px solid #111; height: 1em; vertical-align: baseline; }
        .checklist .blank.short { min-width: 3.5em; }
        .checklist .blank.wide { min-width: 18em; }
        .checklist .notes { border-left: 3px solid #999; padding-left: 0.8em; margin: 0.8em 0; font-size: 0.95em; }
        .checklist .notes p { margin: 0.3em 0; }
        .checklist .signatures { display: flex; justify-content: space-around; text-align: center; margin-top: 1.6em;
          break-inside: avoid; }
        .checklist .signatures div { min-width: 12em; }
        .checklist .signatures .line { display: block; margin-top: 3.2em; border-bottom: 1px dotted #111; }
        @media screen { .checklist .phase + .phase { border-top: 2px dashed #bbb; margin-top: 2.5rem; padding-top: 1.5rem; } }
        @media print {
          .screen-only { display: none !important; }
          .checklist .phase { max-width: none; }
          .checklist .phase + .phase { break-before: page; }
        }
        """

    /// A complete page.
    public static func page(_ checklist: Checklist) -> String {
        let title = HTML.escape("Danh sách việc cần làm: " + checklist.title + scope(checklist))
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>
            body { margin: 0; padding: 1rem; background: #fff; }
            .toolbar { max-width: 46rem; margin: 0 auto 1rem; }
            .toolbar button { font: inherit; padding: 0.4em 1em; }
            @media print { body { padding: 0; } }
            \(stylesheet)
            </style>
            </head>
            <body>
            <div class="toolbar screen-only"><button type="button" onclick="window.print()">In danh sách</button></div>
            \(body(checklist))
            </body>
            </html>

            """
    }

    /// The checklist itself, for embedding in another page that includes ``stylesheet``.
    public static func body(_ checklist: Checklist) -> String {
        var out = "<div class=\"checklist\">\n"
        for phase in checklist.phases {
            out += "<section class=\"phase\" id=\"\(HTML.escape(phase.phase))\">\n"
            out += "<header>\n<p class=\"eyebrow\">Danh sách việc cần làm</p>\n"
            out += "<h1>\(HTML.escape(checklist.title))</h1>\n"
            out += "<p class=\"from\">Theo \(HTML.escape(checklist.documentTitle))</p>\n"
            out += "<p class=\"meta\"><span>Chi bộ: \(filled(checklist.chiBo, wide: true))</span>"
            out += "<span>Ngày: \(filled(checklist.date, wide: false))</span></p>\n</header>\n"
            out +=
                "<h2>\(HTML.escape(phase.title)) <span class=\"source\">(mục \(HTML.escape(phase.source)))</span></h2>\n"
            if let reference = phase.reference {
                out += "<p class=\"reference\">Thực hiện \(HTML.escape(reference)).</p>\n"
            }
            if let responsible = phase.responsible {
                out += "<p class=\"responsible\"><strong>Người thực hiện:</strong> \(HTML.escape(responsible))</p>\n"
            }
            out += "<ul class=\"items\">\n"
            for item in phase.items {
                out += "<li><span class=\"box\" aria-hidden=\"true\"></span><div>\(HTML.escape(item.text)) "
                out += "<span class=\"source\">[\(HTML.escape(item.source))]</span>"
                if !item.fields.isEmpty {
                    out += "\n<ul class=\"fields\">\n"
                    for field in item.fields { out += "<li>\(render(field))</li>\n" }
                    out += "</ul>"
                }
                out += "</div></li>\n"
            }
            out += "</ul>\n"
            if !phase.notes.isEmpty {
                out += "<div class=\"notes\"><strong>Ghi chú</strong>\n"
                for note in phase.notes { out += "<p>\(HTML.escape(note))</p>\n" }
                out += "</div>\n"
            }
            out += """
                <div class="signatures"><div><strong>CHỦ TRÌ</strong><br>(Ký, ghi rõ họ tên)<span class="line"></span></div>\
                <div><strong>THƯ KÝ</strong><br>(Ký, ghi rõ họ tên)<span class="line"></span></div></div>

                """
            out += "</section>\n"
        }
        return out + "</div>"
    }

    private static func render(_ field: Checklist.Field) -> String {
        var out = "\(HTML.escape(field.label)): <span class=\"blank\(field.kind == .text ? " wide" : "")\"></span>"
        if !field.parts.isEmpty {
            out +=
                " ("
                + field.parts.map { "\(HTML.escape($0)): <span class=\"blank short\"></span>" }.joined(separator: ", ")
                + ")"
        }
        if let note = field.note {
            out += " — \(HTML.escape(ProcedureDeriver.capitalized(note))): <span class=\"blank wide\"></span>"
        }
        return out
    }

    private static func filled(_ value: String?, wide: Bool) -> String {
        value.map(HTML.escape) ?? "<span class=\"blank\(wide ? " wide" : "")\"></span>"
    }

    private static func scope(_ checklist: Checklist) -> String {
        checklist.phases.count == 1 ? " — " + checklist.phases[0].title : ""
    }
}
