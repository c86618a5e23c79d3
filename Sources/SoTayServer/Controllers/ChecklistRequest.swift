import Hummingbird
import SoTayCore

/// What a checklist request asks for (`kind`, `phase`, `chi_bo`, `date`), resolved against the
/// procedure: the pages, the downloads and the API read it the same way.
struct ChecklistRequest {
    var kind: MeetingKind?
    var phase: Checklist.Phase?
    var chiBo: String?
    var date: String?

    /// - Throws: ``ChecklistError`` for an unknown or ambiguous kind or phase, or a missing kind when `requireKind`.
    init(_ request: Request, procedure: Procedure, requireKind: Bool) throws {
        let kindInput = request.query("kind").flatMap(nonEmpty)
        if requireKind, kindInput == nil { throw ChecklistError.unknownKind("", choices: procedure.kinds.map(\.id)) }
        kind = try kindInput.map { try ChecklistSelector.kind($0, in: procedure) }
        phase = try request.query("phase").flatMap(nonEmpty).map {
            try ChecklistSelector.phase($0, of: kind ?? procedure.kinds[0])
        }
        chiBo = request.query("chi_bo").flatMap(nonEmpty)
        date = request.query("date").flatMap(nonEmpty)
    }

    /// The checklist asked for; nil when no kind was chosen.
    func checklist(from procedure: Procedure) -> Checklist? {
        kind.map { procedure.checklist(kind: $0, phase: phase, chiBo: chiBo, date: date) }
    }
}

func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? nil : trimmed
}
