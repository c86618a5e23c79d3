import Foundation

/// A file's size and modification time, read with one stat(2).
///
/// Not Foundation's `attributesOfItem`: it also looks the owner up in /etc/passwd and
/// /etc/group, four files opened per document on every build, and its dictionary costs a
/// one-search process more than the whole freshness check of ./corpus.
public struct FileStatus: Sendable {
    public var size: Int
    var modified: timespec

    /// The status of `path` (its target, for a symbolic link), or nil when it cannot be read.
    public static func of(_ path: String) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStatus(size: Int(info.st_size), modified: info.st_mtim)
    }

    /// What a directory entry is, itself and not a link's target (lstat(2)).
    public enum Kind: Sendable { case directory, link, other }

    /// The status of the entry at `path` itself and its kind, or nil when it cannot be read.
    static func ofEntry(_ path: String) -> (status: FileStatus, kind: Kind)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind: Kind =
            switch info.st_mode & S_IFMT {
            case S_IFDIR: .directory
            case S_IFLNK: .link
            default: .other
            }
        return (FileStatus(size: Int(info.st_size), modified: info.st_mtim), kind)
    }

    /// The modification time in seconds.
    public var seconds: Double { Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9 }

    /// Size and modification time to the nanosecond, as the index records them to tell an
    /// unchanged file without reading it.
    var stamp: String { "\(size):\(modified.tv_sec).\(modified.tv_nsec)" }
}
