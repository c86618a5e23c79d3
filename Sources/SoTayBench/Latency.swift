import Foundation
import SoTayCore

/// In-process query latency over a query set, and how often the fast path's top ten equal
/// the exhaustive ranking's.
public enum Latency {
    public struct Report {
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var max: Double
        public var agreement: Double
        public var queries: Int
        /// Per query: the text, its median time in ms, whether the fast top ten agreed, and
        /// both pages ("doc#section") when they did not.
        public var details: [(query: String, ms: Double, agrees: Bool, pages: (fast: [String], full: [String])?)]
    }

    /// With `lastWordPartial`, each query is read as the search box sends it while typing
    /// (``SearchQuery/parse(_:lastWordPartial:)``).
    public static func measure(
        index: String, queries: [String], rounds: Int = 3, lastWordPartial: Bool = false
    ) throws -> Report {
        let handbook = Handbook(database: try HandbookDatabase.open(path: index))
        var exhaustive = handbook
        exhaustive.candidatePool = nil
        var timings: [Double] = []
        var agreeing = 0
        var details: [(query: String, ms: Double, agrees: Bool, pages: (fast: [String], full: [String])?)] = []
        let parsed = queries.compactMap { try? SearchQuery.parse($0, lastWordPartial: lastWordPartial) }
        for query in parsed {
            _ = try handbook.search(query, limit: 10)  // warm the page cache
            var own: [Double] = []
            for _ in 0..<rounds {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try handbook.search(query, limit: 10)
                own.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            timings += own
            let fast = try handbook.search(query, limit: 10).map { "\($0.doc)#\($0.section)" }
            let full = try exhaustive.search(query, limit: 10).map { "\($0.doc)#\($0.section)" }
            if fast == full { agreeing += 1 }
            details.append((query.text, own.sorted()[own.count / 2], fast == full, fast == full ? nil : (fast, full)))
        }
        timings.sort()
        func percentile(_ p: Double) -> Double {
            timings.isEmpty ? 0 : timings[min(timings.count - 1, Int(Double(timings.count) * p))]
        }
        return Report(
            p50: percentile(0.5), p95: percentile(0.95), p99: percentile(0.99), max: timings.last ?? 0,
            agreement: parsed.isEmpty ? 1 : Double(agreeing) / Double(parsed.count), queries: parsed.count,
            details: details)
    }
}
