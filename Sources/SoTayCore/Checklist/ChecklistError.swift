/// Why a checklist cannot be made, said for the user.
public enum ChecklistError: Error, Equatable, Sendable, UserFacingError {
    case noProcedure
    case severalProcedures([String])
    case noKinds(doc: String)
    case unknownKind(String, choices: [String])
    case ambiguousKind(String, matches: [String])
    case unknownPhase(String, kind: String, choices: [String])
    case ambiguousPhase(String, kind: String, matches: [String])
    case unknownFormat(String)

    public var message: String {
        switch self {
        case .noProcedure:
            "Không có tài liệu quy trình nào (cần dòng \"kind: procedure\" trong phần thông tin đầu tệp)"
        case .severalProcedures(let slugs):
            "Có nhiều tài liệu quy trình; hãy chọn bằng --doc: \(slugs.joined(separator: ", "))"
        case .noKinds(let doc):
            "Tài liệu \(doc) không có loại sinh hoạt nào (mục cấp 1 có các phần con)"
        case .unknownKind(let input, let choices):
            "Không có loại sinh hoạt \"\(input)\". Chọn một trong: \(choices.joined(separator: ", "))"
        case .ambiguousKind(let input, let matches):
            "\"\(input)\" khớp nhiều loại sinh hoạt: \(matches.joined(separator: ", ")). Hãy gõ rõ hơn."
        case .unknownPhase(let input, let kind, let choices):
            "Sinh hoạt \(kind) không có phần \"\(input)\". Chọn một trong: \(choices.joined(separator: ", "))"
        case .ambiguousPhase(let input, let kind, let matches):
            "\"\(input)\" khớp nhiều phần của sinh hoạt \(kind): \(matches.joined(separator: ", ")). Hãy gõ rõ hơn."
        case .unknownFormat(let format):
            "Không có định dạng \"\(format)\". Chọn: text, markdown, html, json"
        }
    }
}
