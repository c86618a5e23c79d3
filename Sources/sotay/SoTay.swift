import ArgumentParser

struct SoTay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sotay",
        abstract: "Sổ tay điện tử công tác chi bộ: tìm kiếm, đọc, mục lục, danh sách việc cần làm.",
        discussion: """
            Chỉ mục được tìm theo --db, rồi biến môi trường SOTAY_DB, rồi .sotay/index.sqlite; \
            nếu chưa có hoặc cũ hơn thư mục ./corpus, lệnh sẽ tự lập chỉ mục trước.
            Mã thoát: 0 thành công, 1 không tìm thấy, 2 lỗi cú pháp, 3 lỗi chỉ mục hoặc tài liệu.
            """,
        version: "0.1.0",
        subcommands: [Search.self, Read.self, Outline.self, Checklist.self, Serve.self, Index.self],
        defaultSubcommand: nil
    )
}

/// Found nothing: exit 1 with a helpful message.
struct NothingFound: Error {
    var message: String
}
