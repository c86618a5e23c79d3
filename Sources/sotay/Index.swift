import ArgumentParser
import Foundation
import SoTayCore

extension SoTay {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lập (hoặc lập lại) chỉ mục từ thư mục tài liệu.",
            discussion: """
                Chỉ mục mới được ghi ra tệp tạm rồi mới thay thế tệp cũ: nếu có lỗi hoặc bị dừng, \
                chỉ mục cũ vẫn dùng được. Tài liệu không thay đổi được giữ nguyên, không lập lại.
                """)

        @Argument(help: "Thư mục tài liệu (.txt, .md).")
        var corpus = IndexLocation.defaultCorpus

        @Option(name: .long, help: ArgumentHelp("Tệp chỉ mục.", valueName: "FILE"))
        var db: String?

        @Flag(help: "Bỏ qua các tệp lỗi (vẫn báo từng tệp) thay vì giữ nguyên chỉ mục cũ.")
        var skipInvalid = false

        @Flag(help: "Lập lại toàn bộ, kể cả tài liệu không thay đổi.")
        var full = false

        func run() throws {
            let path = IndexLocation.resolve(db)
            Interruption.removeOnSignal(IndexBuilder.temporaryPath(for: path))
            let start = Date()
            let showProgress = isatty(STDERR_FILENO) == 1
            let report = try IndexBuilder.build(
                corpus: corpus, to: path, options: .init(skipInvalid: skipInvalid, full: full),
                progress: showProgress ? { Progress.show($0, since: start) } : nil)
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            for error in report.skipped { Terminal.printError("Bỏ qua: \(error.message)") }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(start)).replacingOccurrences(
                of: ".", with: ",")
            print(
                "Đã lập chỉ mục \(report.documents) tài liệu, \(report.sections) mục"
                    + (report.unchanged > 0 ? " (\(report.unchanged) tài liệu không đổi)" : "")
                    + (report.removed > 0 ? ", bỏ \(report.removed) tài liệu đã xoá" : "")
                    + " vào \(path) trong \(seconds) giây.")
        }
    }
}

/// Progress on stderr, redrawn in place: documents, megabytes, rate, time left.
enum Progress {
    nonisolated(unsafe) static var lastDraw = Date.distantPast

    static func show(_ progress: IndexBuilder.Progress, since start: Date) {
        let now = Date()
        let finished =
            progress.listSectionsTotal > 0
            ? progress.listSectionsDone == progress.listSectionsTotal
            : progress.documentsDone == progress.documentsTotal
        guard now.timeIntervalSince(lastDraw) > 0.2 || finished else { return }
        lastDraw = now
        let elapsed = max(0.001, now.timeIntervalSince(start))
        let mb = Double(progress.bytesDone) / 1_000_000
        let total = Double(progress.bytesTotal) / 1_000_000
        let rate = mb / elapsed
        let left = rate > 0 ? (total - mb) / rate : 0
        let line =
            progress.listSectionsTotal > 0
            ? String(
                format: "\r\u{1B}[KXếp hạng sẵn các từ thường gặp: %d/%d mục",
                progress.listSectionsDone, progress.listSectionsTotal)
            : String(
                format: "\r\u{1B}[K%d/%d tài liệu · %.1f/%.1f MB · %.1f MB/giây · còn %.0f giây",
                progress.documentsDone, progress.documentsTotal, mb, total, rate, left)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Ctrl-C or kill during a build removes the half-written temporary file; the old index stays.
enum Interruption {
    nonisolated(unsafe) static var temporaryPath: UnsafeMutablePointer<CChar>?

    static func removeOnSignal(_ path: String) {
        temporaryPath = strdup(path)
        // A parent may have started us with these signals blocked (some process launchers
        // do); unblock them so Ctrl-C reaches the handler.
        var mask = sigset_t()
        sigemptyset(&mask)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&mask, sig) }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                if let path = Interruption.temporaryPath { unlink(path) }
                let message = "\nĐã dừng; chỉ mục cũ được giữ nguyên.\n"
                _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
                _exit(128 + sig)
            }
        }
    }
}
