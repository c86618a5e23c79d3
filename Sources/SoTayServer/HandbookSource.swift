import Foundation
public import SoTayCore

/// The index the server reads, reopened when `sotay index` swaps in a new file.
///
/// A request takes the current handbook and keeps it to the end, so a rebuild never fails a
/// request in flight: the old file stays readable through its open descriptor. Several
/// read-only connections serve requests side by side.
public final class HandbookSource: Sendable {
    public let path: String
    private let readingTime: ReadingTime
    private let connections: Int
    private let state: Locked<State>

    private struct State {
        var handbooks: [Handbook]
        var identity: FileIdentity?
        var checked: Date
        var next = 0
    }

    /// Which file is at the path: a rebuild renames a new file (a new inode) over it.
    struct FileIdentity: Equatable {
        var inode: UInt64
        var modified: Int

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            inode = UInt64(info.st_ino)
            modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        }
    }

    /// Opens the index at `path`.
    ///
    /// - Throws: ``IndexError`` when the index is missing or unusable.
    public init(path: String, readingTime: ReadingTime = ReadingTime(), connections: Int = 4) throws {
        self.path = path
        self.readingTime = readingTime
        self.connections = max(1, connections)
        let handbooks = try Self.open(path, readingTime: readingTime, count: max(1, connections))
        state = Locked(State(handbooks: handbooks, identity: FileIdentity(path), checked: Date()))
    }

    private static func open(_ path: String, readingTime: ReadingTime, count: Int) throws -> [Handbook] {
        try (0..<count).map { _ in Handbook(database: try HandbookDatabase.open(path: path), readingTime: readingTime) }
    }

    /// How often the file is looked at; a stat per request would be cheap too, but pointless.
    static let checkInterval: TimeInterval = 0.5

    /// The handbook to answer one request with.
    public func current() -> Handbook {
        reloadIfReplaced()
        return state.withLockedValue { state in
            state.next = (state.next + 1) % state.handbooks.count
            return state.handbooks[state.next]
        }
    }

    private func reloadIfReplaced() {
        let due = state.withLockedValue { state -> Bool in
            guard Date().timeIntervalSince(state.checked) >= Self.checkInterval else { return false }
            state.checked = Date()
            return true
        }
        guard due, let identity = FileIdentity(path) else { return }
        guard identity != state.withLockedValue({ $0.identity }) else { return }
        // A half-copied or foreign file is not taken: the server keeps the index it has.
        guard let handbooks = try? Self.open(path, readingTime: readingTime, count: connections) else { return }
        state.withLockedValue { state in
            state.handbooks = handbooks
            state.identity = identity
        }
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLockedValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
