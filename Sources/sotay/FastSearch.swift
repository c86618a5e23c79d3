import SoTayCore

/// `sotay search` read straight from the command line, for the common forms only.
///
/// ArgumentParser finds a command by reflection, checking protocol conformances across a
/// binary that also carries the web server: about 5 of a search's 12 ms from start to exit.
/// Plain words with `--limit N`, `--db FILE`, `--rate N` and `--json` are read here and run the
/// very same search; anything else (help, `--limit=N`, an `-excluded` word, a value out of
/// range) is left to ArgumentParser, with its checks and messages.
struct FastSearch: Equatable {
    var query: [String] = []
    var limit = 10
    var json = false
    var db: String?
    var rate = ReadingTime.defaultRate

    init?(arguments: [String]) {
        guard arguments.first == "search" else { return nil }
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--json":
                json = true
            case "--limit", "--rate", "--db":
                guard let value = rest.popFirst(), !value.hasPrefix("-") else { return nil }
                if argument == "--db" {
                    db = value
                } else {
                    guard let number = Int(value) else { return nil }
                    if argument == "--limit" { limit = number } else { rate = number }
                }
            default:
                guard !argument.hasPrefix("-") else { return nil }
                query.append(argument)
            }
        }
        guard SoTay.Search.limits.contains(limit), HandbookOptions.rates.contains(rate) else { return nil }
    }
}
