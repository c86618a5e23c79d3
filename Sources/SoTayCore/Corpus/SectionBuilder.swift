/// Collects headings and blocks into sections, working out levels and parents from the
/// ranks of the headings, so any mix of numbering styles nests sensibly.
struct SectionBuilder {
    private(set) var sections: [Section] = []
    /// Open headings from the outermost in: (rank, index in sections).
    private var stack: [(rank: Int, index: Int)] = []
    private var blocks: [Block] = []
    private var current: Int?
    private var introBlocks: [Block] = []
    private var childCounts: [Int?: Int] = [:]

    mutating func openSection(rank: Int, number: String?, title: String, inlineBody: String?) {
        closeCurrent()
        while let top = stack.last, top.rank >= rank { stack.removeLast() }
        let parent = stack.last?.index
        childCounts[parent, default: 0] += 1
        let derived: String = {
            let position = String(childCounts[parent] ?? 1)
            guard let parent, !sections[parent].number.isEmpty else { return position }
            return "\(sections[parent].number).\(position)"
        }()
        let section = Section(
            number: number ?? derived, title: title, level: stack.count + 1, parent: parent, text: "")
        sections.append(section)
        current = sections.count - 1
        stack.append((rank, sections.count - 1))
        if let inlineBody { blocks.append(.paragraph(inlineBody)) }
    }

    mutating func add(_ block: Block) {
        if current == nil { introBlocks.append(block) } else { blocks.append(block) }
    }

    /// Joins a wrapped line to the block it continues.
    mutating func continueBlock(_ text: String) {
        func joined(_ block: Block) -> Block {
            switch block {
            case .paragraph(let t): .paragraph(t + " " + text)
            case .bullet(let t): .bullet(t + " " + text)
            }
        }
        if current == nil {
            if let last = introBlocks.popLast() {
                introBlocks.append(joined(last))
            } else {
                introBlocks.append(.paragraph(text))
            }
        } else {
            if let last = blocks.popLast() { blocks.append(joined(last)) } else { blocks.append(.paragraph(text)) }
        }
    }

    /// Sets the title of the section just opened, for headings whose title is on the next line.
    mutating func setCurrentTitle(_ title: String) {
        guard let current else { return }
        sections[current] = Section(
            number: sections[current].number, title: title, level: sections[current].level,
            parent: sections[current].parent, text: "")
    }

    var currentHasTitle: Bool { current.map { !sections[$0].title.isEmpty } ?? true }
    var currentIsEmpty: Bool { blocks.isEmpty }

    mutating func finish() -> [Section] {
        closeCurrent()
        guard !introBlocks.isEmpty else { return sections }
        let intro = Section(
            number: "", title: Section.introTitle, level: 1, parent: nil,
            text: introBlocks.map(\.stored).joined(separator: "\n"))
        return [intro]
            + sections.map { section in
                var shifted = section
                shifted.parent = section.parent.map { $0 + 1 }
                return shifted
            }
    }

    private mutating func closeCurrent() {
        guard let current else { return }
        let section = sections[current]
        sections[current] = Section(
            number: section.number, title: section.title, level: section.level, parent: section.parent,
            text: blocks.map(\.stored).joined(separator: "\n"))
        blocks = []
    }
}
