/// The JSON answer to a search, shared by the CLI's `--json` and the web API.
public struct SearchResponse: Sendable, Equatable, Codable {
    public var query: String
    public var results: [SearchResult]

    public init(query: String, results: [SearchResult]) {
        self.query = query
        self.results = results
    }
}
