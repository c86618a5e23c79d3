import Foundation
import SoTayCore

/// The corpus's sections, split by our parser and folded by our folding, as CSV rows for the
/// `sqlite3` shell: the baseline then only loads rows, it does no parsing or folding of its own.
public enum SectionExport {
    public static func write(corpus: String, to path: String) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var rows = 0
        for file in try CorpusLoader.files(in: corpus) {
            let document = try CorpusLoader.load(file).document
            var chunk = ""
            for section in document.sections {
                rows += 1
                chunk += "\(quoted(Folding.fold(section.title))),\(quoted(Folding.fold(section.text)))\n"
            }
            handle.write(Data(chunk.utf8))
        }
        return rows
    }

    static func quoted(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
