/// What can go wrong with the index, said for the user; never SQLite's own text.
public enum IndexError: Error, Equatable, Sendable, UserFacingError {
    case missing(path: String)
    case notAnIndex(path: String)
    case outdated(path: String)
    case diskFull(path: String)
    case cannotWrite(path: String)
    case corpus([CorpusError])
    case interrupted
    case failed(path: String, code: Int32)

    public var message: String {
        switch self {
        case .missing(let path):
            "Chưa có chỉ mục tại \(path). Hãy chạy: sotay index"
        case .notAnIndex(let path):
            "\(path) không phải là chỉ mục của sotay (hoặc đã hỏng). Hãy chạy lại: sotay index"
        case .outdated(let path):
            "Chỉ mục \(path) được tạo bởi phiên bản khác của sotay. Hãy chạy lại: sotay index"
        case .diskFull(let path):
            "Hết dung lượng đĩa khi ghi \(path); chỉ mục cũ được giữ nguyên"
        case .cannotWrite(let path):
            "Không ghi được vào \(path) (kiểm tra quyền ghi thư mục); chỉ mục cũ được giữ nguyên"
        case .corpus(let errors):
            errors.map(\.message).joined(separator: "\n")
                + "\nChỉ mục cũ được giữ nguyên. Dùng --skip-invalid để bỏ qua các tệp lỗi."
        case .interrupted:
            "Đã dừng lập chỉ mục; chỉ mục cũ được giữ nguyên"
        case .failed(let path, let code):
            "Lỗi cơ sở dữ liệu khi xử lý \(path) (mã \(code))"
        }
    }
}
