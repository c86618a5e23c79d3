/// One handbook document: its metadata and its sections in reading order.
public struct Document: Sendable, Equatable {
    /// A short name used on the command line and in URLs: "quy-trinh-sinh-hoat-chi-bo".
    public var slug: String
    public var title: String
    /// The front-matter block, in the order written: title, kind, publisher, view count...
    public var metadata: [MetadataEntry]
    public var sections: [Section]

    public init(slug: String, title: String, metadata: [MetadataEntry] = [], sections: [Section] = []) {
        self.slug = slug
        self.title = title
        self.metadata = metadata
        self.sections = sections
    }

    /// The value of a metadata key, compared without case.
    public func metadata(_ key: String) -> String? {
        metadata.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    /// All syllables of the document, headings included.
    public var words: Int { sections.reduce(0) { $0 + $1.words } }
}

public struct MetadataEntry: Sendable, Equatable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One section: a heading and the text under it up to the next heading.
public struct Section: Sendable, Equatable {
    /// The number as written, without its trailing dot: "1.2", "II", "Điều 5"; empty for the intro.
    public var number: String
    public var title: String
    /// 1 for top-level sections (and the intro); a subsection is one deeper than its parent.
    public var level: Int
    /// Index of the parent in the document's `sections`.
    public var parent: Int?
    /// The body: one block per line, bullets written "– text".
    public var text: String
    /// Syllables of the title and the body.
    public var words: Int

    public init(number: String, title: String, level: Int, parent: Int?, text: String) {
        self.number = number
        self.title = title
        self.level = level
        self.parent = parent
        self.text = text
        self.words = ReadingTime.syllables(in: title) + ReadingTime.syllables(in: text)
    }

    /// The title given to the text before the first heading.
    public static let introTitle = "Giới thiệu"

    public var isIntro: Bool { number.isEmpty }

    /// The body as blocks.
    public var blocks: [Block] { Block.blocks(of: text) }
}

/// A block of a section's body.
public enum Block: Sendable, Equatable {
    case paragraph(String)
    case bullet(String)

    /// The marker every bullet is stored with, whatever the source wrote.
    public static let bulletMarker = "– "

    public var text: String {
        switch self {
        case .paragraph(let text), .bullet(let text): text
        }
    }

    /// The blocks of a stored section text.
    public static func blocks(of text: String) -> [Block] {
        text.split(separator: "\n").map { line in
            line.hasPrefix(bulletMarker)
                ? .bullet(String(line.dropFirst(bulletMarker.count)))
                : .paragraph(String(line))
        }
    }

    var stored: String {
        switch self {
        case .paragraph(let text): text
        case .bullet(let text): Block.bulletMarker + text
        }
    }
}
