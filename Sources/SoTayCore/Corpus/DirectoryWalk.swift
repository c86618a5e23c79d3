import Foundation

/// The entries below a folder, read with readdir(3).
///
/// Foundation's directory enumerator hands out each name as `Any` and builds it through
/// `NSString` path operations: listing a 1,000-file library took 12 ms, a twentieth of an
/// incremental re-index at 100 MB. readdir gives each entry's kind with its name, so only
/// entries of unknown kind cost a stat.
public enum DirectoryWalk {
    /// Calls `visit` with the path of every entry below `directory`, relative to it, and the
    /// entry's kind (the entry itself, not a link's target), a directory before what it holds.
    /// Names beginning with a dot are tooling (`.git`) and skipped with all they hold; a
    /// symbolic link is reported and never followed, so a link back up the tree cannot loop.
    ///
    /// - Returns: false when `directory` itself cannot be listed; a subfolder that cannot be
    ///   is passed over, as a file that cannot be read is reported when it is.
    @discardableResult
    public static func walk(
        _ directory: String, _ visit: (_ relativePath: String, _ kind: FileStatus.Kind) -> Void
    ) -> Bool {
        walk(directory, prefix: "", visit)
    }

    private static func walk(
        _ directory: String, prefix: String, _ visit: (String, FileStatus.Kind) -> Void
    ) -> Bool {
        guard let handle = opendir(directory) else { return false }
        var subfolders: [String] = []
        while let entry = readdir(handle) {
            let (name, type) = withUnsafePointer(to: entry.pointee.d_name) { name in
                name.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: name.pointee)) {
                    (String(cString: $0), $0.pointee)
                }
            }
            guard type != CChar(UInt8(ascii: ".")) else { continue }  // ".", ".." and hidden names
            let relative = prefix + name
            let kind: FileStatus.Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .link
            case Int32(DT_UNKNOWN):
                // Some file systems do not say: ask the entry itself.
                guard let status = FileStatus.ofEntry(directory + "/" + name) else { continue }
                kind = status.kind
            default: kind = .other
            }
            visit(relative, kind)
            if kind == .directory { subfolders.append(name) }
        }
        closedir(handle)
        // Folders are walked once this one is closed: a deep tree holds one handle at a time.
        // One that cannot be listed is passed over (see above).
        for name in subfolders {
            _ = walk(directory + "/" + name, prefix: prefix + name + "/", visit)
        }
        return true
    }
}
