import Foundation
import Hummingbird
import SoTayCore

extension Request {
    /// A query parameter as a form sends it: "+" is a space, "%XX" a byte of UTF-8.
    /// (Hummingbird's own decoding leaves "+" alone, and HTML forms use it for spaces.)
    func query(_ name: String) -> String? {
        guard let query = uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            guard key == name else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
        }
        return nil
    }

    /// The search a request asks for: `q`, its last word read as unfinished with `partial=1`
    /// (the search box, see ``SoTayCore/SearchQuery/parse(_:lastWordPartial:)``).
    func searchQuery() throws -> SearchQuery {
        try SearchQuery.parse(query("q") ?? "", lastWordPartial: query("partial") == "1")
    }
}
