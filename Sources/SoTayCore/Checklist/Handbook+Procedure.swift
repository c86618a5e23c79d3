extension Handbook {
    /// Whether a document declares itself a meeting procedure in its metadata (`kind: procedure`).
    public static func isProcedure(_ document: DocumentSummary) -> Bool {
        guard let kind = document.metadata("kind") else { return false }
        return ["procedure", "quy trinh"].contains(Folding.fold(kind))
    }

    /// The procedure documents of the handbook.
    public func procedures() throws -> [DocumentSummary] {
        try documents().filter(Self.isProcedure)
    }

    /// The meeting kinds of the procedure `doc`, or of the only procedure when `doc` is nil.
    public func procedure(doc: String? = nil) throws -> Procedure {
        let candidates = try procedures()
        let document: DocumentSummary
        if let doc {
            guard let found = candidates.first(where: { $0.doc == doc || $0.doc == Slug.make(doc) }) else {
                throw candidates.isEmpty
                    ? ChecklistError.noProcedure : LookupError.noDocument(doc, available: candidates.map(\.doc))
            }
            document = found
        } else {
            guard let only = candidates.first else { throw ChecklistError.noProcedure }
            guard candidates.count == 1 else { throw ChecklistError.severalProcedures(candidates.map(\.doc)) }
            document = only
        }
        let (_, sections) = try sections(of: document.doc)
        return try ProcedureDeriver.derive(document: document, sections: sections)
    }
}

/// Finds a meeting kind or phase from what the user typed: the id, the title with or without
/// diacritics, the section number, or an unambiguous prefix ("dinh", "chuyen", "ket-hop", "mo").
public enum ChecklistSelector {
    public static func kind(_ input: String, in procedure: Procedure) throws(ChecklistError) -> MeetingKind {
        let choices = procedure.kinds.map(\.id)
        let found = match(input, procedure.kinds) { kind in
            // A combined kind answers to "1+2", not to "1", which is the regular kind's number.
            [kind.id, Slug.make(kind.title), Slug.make(kind.source)]
        }
        switch found.count {
        case 1: return found[0]
        case 0: throw .unknownKind(input, choices: choices)
        default: throw .ambiguousKind(input, matches: found.map(\.id))
        }
    }

    public static func phase(_ input: String, of kind: MeetingKind) throws(ChecklistError) -> Checklist.Phase {
        let found = match(input, kind.phases) { phase in
            let numbers = phase.source.split(separator: ",").map { $0.trimmingWhitespace() }
            return [phase.phase, Slug.make(phase.title)] + numbers.map { Slug.make($0) }
                + numbers.compactMap { $0.split(separator: ".").last.map(String.init) }
        }
        switch found.count {
        case 1: return found[0]
        case 0: throw .unknownPhase(input, kind: kind.id, choices: kind.phases.map(\.phase))
        default: throw .ambiguousPhase(input, kind: kind.id, matches: found.map(\.phase))
        }
    }

    /// Exact matches win; otherwise every name that starts with the input, word by word.
    private static func match<T>(_ input: String, _ candidates: [T], names: (T) -> [String]) -> [T] {
        let key = Slug.make(input)
        guard !key.isEmpty else { return [] }
        let exact = candidates.filter { names($0).contains(key) }
        if !exact.isEmpty { return exact }
        return candidates.filter { names($0).contains { $0.hasPrefix(key) && !$0.first!.isNumber } }
    }
}
