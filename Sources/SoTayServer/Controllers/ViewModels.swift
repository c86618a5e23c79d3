import SoTayCore

/// Values the templates show, made from the core's types.
enum ViewModels {
    /// The anchor of a section on its document page: "muc-1-2", "gioi-thieu" for the intro.
    static func anchor(_ number: String) -> String {
        number.isEmpty ? "gioi-thieu" : "muc-" + Slug.make(number)
    }

    static func label(_ number: String, _ title: String) -> String {
        number.isEmpty ? title : "\(number). \(title)"
    }

    static func result(_ result: SearchResult) -> [String: Any] {
        [
            "url": "/docs/\(result.doc)#\(anchor(result.section))",
            "label": label(result.section, result.title),
            "breadcrumb": result.path.joined(separator: " › "),
            "parts": result.snippet.parts.map { ["text": $0.text, "matched": $0.matched] as [String: Any] },
            "readingMinutes": result.readingMinutes,
        ]
    }

    /// A section's blocks, with consecutive bullets grouped into one list.
    static func groups(_ text: String) -> [[String: Any]] {
        var groups: [[String: Any]] = []
        var bullets: [String] = []
        func flush() {
            if !bullets.isEmpty { groups.append(["isList": true, "items": bullets]) }
            bullets = []
        }
        for block in Block.blocks(of: text) {
            switch block {
            case .bullet(let item): bullets.append(item)
            case .paragraph(let paragraph):
                flush()
                groups.append(["isList": false, "text": paragraph])
            }
        }
        flush()
        return groups
    }
}

/// A document as listed by the web handbook: totals and its view count.
struct DocumentListing: Codable, Sendable {
    var doc: String
    var title: String
    var words: Int
    var readingMinutes: Int
    var views: Int
}
