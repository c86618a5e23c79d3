import Foundation
import Testing

@testable import sotay

@Suite("search read without ArgumentParser")
struct FastSearchTests {
    @Test("The common forms are read here")
    func read() throws {
        let search = try #require(
            FastSearch(arguments: ["search", "cu", "thu ky", "--limit", "3", "--json", "--db", "x.sqlite"]))
        #expect(search.query == ["cu", "thu ky"])
        #expect(search.limit == 3 && search.json && search.db == "x.sqlite" && search.rate == 200)
        #expect(FastSearch(arguments: ["search", "--rate", "300", "bao"])?.rate == 300)
    }

    @Test(
        "Everything else is left to ArgumentParser",
        arguments: [
            ["read", "1.1"], ["search", "--help"], ["search", "-h"], ["search", "--limit=3", "x"],
            ["search", "x", "-chuyen"], ["search", "x", "--limit", "0"], ["search", "x", "--limit", "abc"],
            ["search", "x", "--rate", "5"], ["search", "x", "--limit"], ["search", "x", "--db", "--json"],
            ["search", "x", "--version"],
        ])
    func leftAlone(_ arguments: [String]) {
        #expect(FastSearch(arguments: arguments) == nil)
    }

    @Test(
        "Both ways print the same, exit the same",
        arguments: [
            (["search", "cu", "thu", "ky", "--limit", "3"], ["search", "cu", "thu", "ky", "--limit=3"]),
            (["search", "khong", "co", "tu", "nay"], ["search", "khong", "co", "tu", "nay", "--limit=10"]),
            (["search", "--json", "bao", "luu"], ["search", "--json", "bao", "luu", "--rate=200"]),
            (["search"], ["search", "--limit=10"]),
        ])
    func sameOutput(fast: [String], parsed: [String]) throws {
        #expect(FastSearch(arguments: fast) != nil)
        #expect(FastSearch(arguments: parsed) == nil)
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run("index").status == 0)
        let (a, b) = (try cli.run(fast), try cli.run(parsed))
        #expect(a.status == b.status)
        #expect(a.stdout == b.stdout)
        #expect(a.stderr == b.stderr)
    }
}
