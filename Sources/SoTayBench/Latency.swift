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
    }

    public static func measure(index: String, queries: [String], rounds: Int = 3) throws -> Report {
        let handbook = Handbook(database: try HandbookDatabase.open(path: index))
        var exhaustive = handbook
        exhaustive.candidatePool = nil
        var timings: [Double] = []
        var agreeing = 0
        let parsed = queries.compactMap { try? SearchQuery.parse($0) }
        for query in parsed {
            _ = try handbook.search(query, limit: 10)  // warm the page cache
            for _ in 0..<rounds {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try handbook.search(query, limit: 10)
                timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let fast = try handbook.search(query, limit: 10).map { "\($0.doc)#\($0.section)" }
            let full = try exhaustive.search(query, limit: 10).map { "\($0.doc)#\($0.section)" }
            if fast == full { agreeing += 1 }
        }
        timings.sort()
        func percentile(_ p: Double) -> Double {
            timings.isEmpty ? 0 : timings[min(timings.count - 1, Int(Double(timings.count) * p))]
        }
        return Report(
            p50: percentile(0.5), p95: percentile(0.95), p99: percentile(0.99), max: timings.last ?? 0,
            agreement: parsed.isEmpty ? 1 : Double(agreeing) / Double(parsed.count), queries: parsed.count)
    }
}
