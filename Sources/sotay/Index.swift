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
            let seconds = Progress.decimal(Date().timeIntervalSince(start))
            if report.unchanged == report.documents, report.removed == 0, report.skipped.isEmpty, report.documents > 0 {
                print(
                    "Chỉ mục \(path) đã khớp với thư mục tài liệu (\(report.documents) tài liệu, "
                        + "\(report.sections) mục): không có gì thay đổi (\(seconds) giây).")
                return
            }
            print(
                "Đã lập chỉ mục \(report.documents) tài liệu, \(report.sections) mục"
                    + (report.unchanged > 0 ? " (\(report.unchanged) tài liệu không đổi)" : "")
                    + (report.removed > 0 ? ", bỏ \(report.removed) tài liệu đã xoá" : "")
                    + " vào \(path) trong \(seconds) giây.")
        }
    }
}

/// Progress on stderr, redrawn in place, one step of the build at a time: documents,
/// megabytes, rate and time left while reading; sections and time left while ranking the
/// lists; then the writing, which has nothing to count. Each step's time left is its own,
/// from its own rate, and the step is named, so "còn 0 giây" never stands for a build that
/// still has its lists to make.
enum Progress {
    nonisolated(unsafe) static var lastDraw = Date.distantPast
    nonisolated(unsafe) static var lastStep = IndexBuilder.Progress.Step.reading
    nonisolated(unsafe) static var stepStart = Date()

    static func show(_ progress: IndexBuilder.Progress, since start: Date) {
        let now = Date()
        let newStep = progress.step != lastStep
        if newStep { (lastStep, stepStart) = (progress.step, now) }
        // A new step is always drawn, so the last line before a silent step names it.
        guard newStep || now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let line = line(progress, since: start, stepSince: stepStart, now: now)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    static func line(_ progress: IndexBuilder.Progress, since start: Date, stepSince stepStart: Date, now: Date)
        -> String
    {
        switch progress.step {
        case .reading:
            // Kilobytes below a megabyte: the bundled handbook is a few, and "0,0/0,0 MB" says nothing.
            let (unit, scale) = progress.bytesTotal < 1_000_000 ? ("KB", 1_000.0) : ("MB", 1_000_000.0)
            let done = Double(progress.bytesDone) / scale
            let total = Double(progress.bytesTotal) / scale
            let rate = done / max(0.001, now.timeIntervalSince(start))
            return "Đọc tài liệu: \(progress.documentsDone)/\(progress.documentsTotal) tài liệu · "
                + "\(decimal(done))/\(decimal(total)) \(unit) · \(decimal(rate)) \(unit)/giây"
                + timeLeft(rate > 0 ? (total - done) / rate : nil)
        case .ranking:
            let rate = Double(progress.listSectionsDone) / max(0.001, now.timeIntervalSince(stepStart))
            return "Xếp hạng sẵn các từ thường gặp: \(progress.listSectionsDone)/\(progress.listSectionsTotal) mục"
                + timeLeft(rate > 0 ? Double(progress.listSectionsTotal - progress.listSectionsDone) / rate : nil)
        case .writing:
            return "Đang ghi chỉ mục…"
        }
    }

    /// One decimal, written the Vietnamese way, as the closing line writes its seconds.
    static func decimal(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// Rounded up; in minutes from 100 seconds.
    static func timeLeft(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0 else { return "" }
        let whole = Int(min(seconds, 360_000).rounded(.up))
        return whole < 100 ? " · còn \(whole) giây" : " · còn \((whole + 59) / 60) phút"
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
