import Foundation

/// One file of handbook material found in a corpus folder.
public struct CorpusFile: Sendable, Equatable {
    /// As the user will recognise it: the corpus folder joined with the relative path.
    public var path: String
    /// Below the corpus folder, the same whichever way the folder is named.
    public var relativePath: String
    public var format: SourceFormat
    /// The name the document is known by unless its front matter says otherwise.
    public var slug: String
}

/// A document read from disk, with what the index needs to tell whether it changed.
public struct LoadedDocument: Sendable {
    public var file: CorpusFile
    public var document: Document
    /// A fingerprint of the file's bytes.
    public var fingerprint: String
    public var bytes: Int
}

/// Finds and reads the files of a corpus folder, one at a time so a large library is never
/// held in memory whole.
public enum CorpusLoader {
    /// The `.txt` and `.md` files below `directory`, in a stable order. `README.md` files describe
    /// the material and hidden files are tooling, so neither is handbook text.
    public static func files(in directory: String) throws(CorpusError) -> [CorpusFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notFound(path: directory)
        }
        var files: [CorpusFile] = []
        let listed = DirectoryWalk.walk(directory) { relative, kind in
            guard kind != .directory else { return }
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            guard let format = SourceFormat(fileName: name), name.lowercased() != "readme.md" else { return }
            let stem = relative[..<(relative.lastIndex(of: ".") ?? relative.endIndex)]
            files.append(
                CorpusFile(
                    path: join(directory, relative), relativePath: relative, format: format,
                    slug: Slug.make(String(stem))))
        }
        guard listed else { throw .unreadable(path: directory, reason: "không liệt kê được thư mục") }
        guard !files.isEmpty else { throw .empty(directory: directory) }
        return files.sorted { $0.path < $1.path }
    }

    /// The folder's absolute path with symbolic links resolved, so that `corpus`,
    /// `./corpus` and `/home/x/corpus` name the same corpus; the path itself when it cannot be resolved.
    public static func canonicalPath(_ directory: String) -> String {
        guard let resolved = realpath(directory, nil) else { return directory }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads and parses one file.
    public static func load(_ file: CorpusFile) throws(CorpusError) -> LoadedDocument {
        try parse(file, bytes: read(file))
    }

    /// The file's bytes, so that a rebuild can compare fingerprints before parsing anything.
    public static func read(_ file: CorpusFile) throws(CorpusError) -> [UInt8] {
        do {
            return try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
        } catch {
            throw .unreadable(path: file.path, reason: (error as NSError).localizedFailureReason ?? "lỗi đọc tệp")
        }
    }

    /// Parses bytes read from `file` (whose ``fingerprint(_:)`` may be known already).
    public static func parse(
        _ file: CorpusFile, bytes: [UInt8], fingerprint known: String? = nil
    ) throws(CorpusError) -> LoadedDocument {
        let text = try SourceText.decode(bytes, path: file.path)
        let document = try DocumentParser.parse(text, slug: file.slug, path: file.path, format: file.format)
        return LoadedDocument(
            file: file, document: document, fingerprint: known ?? fingerprint(bytes), bytes: bytes.count)
    }

    /// FNV-1a over the bytes and their count: enough to notice an edited file.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16) + "-" + String(bytes.count)
    }

    static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
