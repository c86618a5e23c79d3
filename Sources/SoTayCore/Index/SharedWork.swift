import Foundation

/// Numbered pieces of work that threads take in turn, each piece once, and their results.
final class SharedWork<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var made: [Result?]

    init(count: Int) { made = Array(repeating: nil, count: count) }

    /// Takes pieces until none is left, doing each with `piece`.
    func run(_ piece: (Int) -> Result) {
        while let n = lock.withLock({ () -> Int? in
            guard next < made.count else { return nil }
            defer { next += 1 }
            return next
        }) {
            let result = piece(n)
            lock.withLock { made[n] = result }
        }
    }

    /// Every result, in order, once every piece is done.
    var results: [Result] { lock.withLock { made.map { $0! } } }
}
