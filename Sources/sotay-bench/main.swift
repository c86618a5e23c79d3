import ArgumentParser
import Foundation
import SoTayBench
import SoTayCore

/// Benchmark helpers for scripts/bench: generate material, the query set, the baseline's
/// rows, and in-process latency.
struct SoTayBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sotay-bench", abstract: "Benchmark helpers (see scripts/bench).",
        subcommands: [Generate.self, Queries.self, Export.self, Measure.self, Index.self, RareWord.self])

    struct Generate: ParsableCommand {
        @Option var megabytes: Double = 1
        @Option var seed: UInt64 = 20261128
        @Argument var directory: String

        func run() throws {
            let files = try CorpusGenerator(megabytes: megabytes, seed: seed).write(to: directory)
            print("\(files.count) documents in \(directory)")
        }
    }

    struct Queries: ParsableCommand {
        @Option var count = 200
        func run() { QuerySet.make(count: count).forEach { print($0) } }
    }

    struct Export: ParsableCommand {
        @Argument var corpus: String
        @Argument var csv: String
        func run() throws { print(try SectionExport.write(corpus: corpus, to: csv)) }
    }

    /// Builds an index without the CLI around it, for profiling.
    struct Index: ParsableCommand {
        @Argument var corpus: String
        @Argument var index: String
        func run() throws {
            let start = Date()
            let report = try IndexBuilder.build(corpus: corpus, to: index, options: .init(full: true))
            print(String(format: "%d sections in %.2fs", report.sections, Date().timeIntervalSince(start)))
        }
    }

    /// A word that occurs in exactly a handful of sections of the corpus, found by the index.
    struct RareWord: ParsableCommand {
        @Argument var corpus: String
        func run() throws { print(try RareWords.pick(corpus: corpus)) }
    }

    struct Measure: ParsableCommand {
        @Option var index: String
        @Option var queries: String
        @Flag(help: "Print each query's median time and agreement.") var verbose = false
        @Flag(help: "Read each query's last word as unfinished, as the web page's search box sends it.")
        var partial = false
        @Option(
            help: ArgumentHelp(
                "Measure what the search box sends while the first N queries are typed, keystroke by keystroke.",
                valueName: "N"))
        var typing: Int?
        func run() throws {
            var lines = try String(contentsOfFile: queries, encoding: .utf8).split(separator: "\n").map(String.init)
            if let typing { lines = QuerySet.keystrokes(of: Array(lines.prefix(typing))) }
            let report = try Latency.measure(index: index, queries: lines, lastWordPartial: partial || typing != nil)
            if verbose {
                for d in report.details {
                    print(String(format: "%8.2f ms  ", d.ms) + (d.agrees ? "=  " : "≠  ") + d.query)
                    if let pages = d.pages {
                        print("             fast: " + pages.fast.joined(separator: " "))
                        print("             full: " + pages.full.joined(separator: " "))
                    }
                }
            }
            print(
                String(
                    format: "queries=%d p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms top10-agreement=%.1f%%",
                    report.queries, report.p50, report.p95, report.p99, report.max, report.agreement * 100))
        }
    }
}

SoTayBench.main()
