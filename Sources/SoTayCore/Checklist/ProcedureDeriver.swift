/// Derives meeting kinds, phases and items from a procedure's sections, so that the
/// checklist follows the material: no item text lives in the code.
///
/// - Kinds are the level-1 sections with subsections ("1. Đối với sinh hoạt định kỳ").
/// - Phases are their subsections ("1.1. Phần mở đầu").
/// - A phase that says "Thực hiện như sinh hoạt định kỳ." takes the items of the same phase of
///   the kind it names.
/// - A combined kind is offered when the intro names one ("kết hợp sinh hoạt định kỳ với chuyên đề").
public enum ProcedureDeriver {
    /// Words that introduce a kind's or a phase's name rather than being part of it.
    static let kindLeadWords = ["doi voi", "sinh hoat"]
    static let phaseLeadWords = ["phan"]

    public static func derive(document: DocumentSummary, sections: [SectionTree]) throws(ChecklistError) -> Procedure {
        var kinds: [MeetingKind] = []
        for section in sections where !section.section.isEmpty && !section.children.isEmpty {
            let title = dropLeading(["doi voi"], from: section.title)
            kinds.append(
                MeetingKind(
                    id: Slug.make(dropLeading(kindLeadWords, from: section.title)),
                    title: capitalized(title), source: section.section,
                    phases: section.children.map(phase)))
        }
        guard !kinds.isEmpty else { throw .noKinds(doc: document.doc) }
        kinds = resolveReferences(kinds)
        if let intro = sections.first(where: { $0.section.isEmpty }), let combined = combinedKind(intro.text, kinds) {
            kinds.append(combined)
        }
        return Procedure(doc: document.doc, title: document.title, kinds: kinds)
    }

    /// A phase from its own text, before references to other kinds are followed.
    static func phase(_ section: SectionTree) -> Checklist.Phase {
        let extracted = ItemExtractor.extract(Block.blocks(of: section.text), source: section.section)
        return Checklist.Phase(
            phase: Slug.make(dropLeading(phaseLeadWords, from: section.title)), title: section.title,
            source: section.section, responsible: extracted.responsible, reference: nil,
            items: extracted.items, notes: extracted.notes)
    }

    /// Follows "Thực hiện như sinh hoạt định kỳ.": a phase whose only text names another kind
    /// gets that kind's phase of the same id.
    static func resolveReferences(_ kinds: [MeetingKind]) -> [MeetingKind] {
        kinds.map { kind in
            var kind = kind
            kind.phases = kind.phases.map { phase in
                guard let target = referencedKind(phase, in: kinds, from: kind.id),
                    let source = target.kind.phases.first(where: { $0.phase == phase.phase })
                else { return phase }
                var resolved = phase
                resolved.items = source.items
                resolved.responsible = phase.responsible ?? source.responsible
                resolved.notes = source.notes
                resolved.reference = "như \(target.name), mục \(source.source)"
                return resolved
            }
            return kind
        }
    }

    /// The kind a reference names and the words it used for it ("sinh hoạt định kỳ").
    private static func referencedKind(_ phase: Checklist.Phase, in kinds: [MeetingKind], from id: String)
        -> (kind: MeetingKind, name: String)?
    {
        // A reference is one short sentence: "Thực hiện như sinh hoạt định kỳ."
        guard phase.items.count == 1, phase.notes.isEmpty,
            ReadingTime.syllables(in: phase.items[0].text) <= 15
        else { return nil }
        let text = phase.items[0].text
        let words = text.split(separator: " ")
        guard let nhu = words.firstIndex(where: { Folding.fold($0) == "nhu" }) else { return nil }
        let named = words[(nhu + 1)...].joined(separator: " ").trimmingCharacters(in: ".;:")
        let folded = Folding.fold(named)
        guard let kind = kinds.first(where: { $0.id != id && folded.hasSuffix(Folding.fold($0.id)) }) else {
            return nil
        }
        return (kind, named)
    }

    /// "… hay kết hợp sinh hoạt định kỳ với chuyên đề)": the kinds named after "kết hợp", in order.
    static func combinedKind(_ intro: String, _ kinds: [MeetingKind]) -> MeetingKind? {
        let utf8 = Array(intro.utf8)
        let tokens = Folding.tokens(in: intro)
        guard
            let start = tokens.indices.dropLast().first(where: {
                tokens[$0].folded == "ket" && tokens[$0 + 1].folded == "hop"
            })
        else { return nil }
        // The clause runs to the next bracket or punctuation.
        let from = tokens[start].start
        let end =
            utf8[from...].firstIndex {
                [UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";")].contains($0)
            } ?? utf8.count
        let clause = String(decoding: utf8[from..<end], as: UTF8.self)
        let foldedClause = Folding.fold(clause)
        let named = kinds.compactMap { kind -> (Int, MeetingKind)? in
            guard let range = foldedClause.range(of: Folding.fold(kind.id)) else { return nil }
            return (foldedClause.distance(from: foldedClause.startIndex, to: range.lowerBound), kind)
        }.sorted { $0.0 < $1.0 }.map(\.1)
        guard named.count >= 2 else { return nil }
        return MeetingKind(
            id: Slug.make(clause.split(separator: " ").prefix(2).joined(separator: " ")),
            title: capitalized(clause), source: named.map(\.source).joined(separator: ", "),
            phases: combine(named))
    }

    /// One phase per phase id, in the order the kinds give them: the items of every kind in
    /// turn, an item already there printed once.
    static func combine(_ kinds: [MeetingKind]) -> [Checklist.Phase] {
        var order: [String] = []
        for kind in kinds { for phase in kind.phases where !order.contains(phase.phase) { order.append(phase.phase) } }
        return order.map { id in
            let phases = kinds.compactMap { $0.phases.first { $0.phase == id } }
            var seen = Set<String>()
            var items: [Checklist.Item] = []
            for item in phases.flatMap(\.items) where seen.insert(Folding.fold(item.text)).inserted {
                items.append(item)
            }
            var notes: [String] = []
            for note in phases.flatMap(\.notes) where !notes.contains(note) { notes.append(note) }
            let responsibles = phases.compactMap(\.responsible).reduce(into: [String]()) {
                if !$0.contains($1) { $0.append($1) }
            }
            return Checklist.Phase(
                phase: id, title: phases[0].title,
                source: phases.map(\.source).joined(separator: ", "),
                responsible: responsibles.isEmpty ? nil : responsibles.joined(separator: "; "),
                reference: nil, items: items, notes: notes)
        }
    }

    /// Removes leading words ("Đối với", "sinh hoạt", "Phần") whatever their case or marks.
    static func dropLeading(_ leads: [String], from title: String) -> String {
        var words = title.split(separator: " ").map(String.init)
        var changed = true
        while changed {
            changed = false
            for lead in leads {
                let count = lead.split(separator: " ").count
                if words.count > count, Folding.fold(words.prefix(count).joined(separator: " ")) == lead {
                    words.removeFirst(count)
                    changed = true
                }
            }
        }
        return words.joined(separator: " ")
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let last = s.last, set.contains(last) { s = s.dropLast() }
        while let first = s.first, set.contains(first) { s = s.dropFirst() }
        return String(s)
    }
}
