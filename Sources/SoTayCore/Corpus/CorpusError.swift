/// What can be wrong with the handbook material, said for the person who supplied it.
public enum CorpusError: Error, Hashable, Sendable {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case binary(path: String)
    case invalidUTF8(path: String, line: Int)
    case badFrontMatter(path: String, line: Int, reason: String)
    case noSections(path: String)
    case duplicateSlug(slug: String, first: String, second: String)
    case empty(directory: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .notFound(let p), .unreadable(let p, _), .binary(let p), .invalidUTF8(let p, _),
            .badFrontMatter(let p, _, _), .noSections(let p), .empty(let p):
            p
        case .duplicateSlug(_, _, let second): second
        }
    }
}

extension CorpusError: UserFacingError {
    public var message: String {
        switch self {
        case .notFound(let path):
            "Không tìm thấy thư mục tài liệu: \(path)"
        case .unreadable(let path, let reason):
            "\(path): không đọc được tệp (\(reason))"
        case .binary(let path):
            "\(path): tệp nhị phân, không phải văn bản"
        case .invalidUTF8(let path, let line):
            "\(path):\(line): không phải văn bản UTF-8 hợp lệ (có thể là bảng mã cũ TCVN3/VNI; hãy chuyển sang UTF-8)"
        case .badFrontMatter(let path, let line, let reason):
            "\(path):\(line): phần thông tin đầu tệp không hợp lệ: \(reason)"
        case .noSections(let path):
            "\(path): tệp không có nội dung"
        case .duplicateSlug(let slug, let first, let second):
            "\(second): tên tài liệu \"\(slug)\" đã dùng cho \(first)"
        case .empty(let directory):
            "\(directory): không có tệp .txt hoặc .md nào để lập chỉ mục"
        }
    }
}

/// An error whose message is written for the user, in Vietnamese.
public protocol UserFacingError: Error {
    var message: String { get }
}
