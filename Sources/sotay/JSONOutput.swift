import Foundation

/// JSON as documented in the README, indented by two spaces, Vietnamese left unescaped.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        Swift.print(string(value))
    }

    static func string(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        // Sorted keys: Foundation's key order is otherwise not stable on Linux.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Our types encode strings, numbers and arrays only, which cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return indent(String(decoding: data, as: UTF8.self))
    }

    /// Re-indents compact JSON; Foundation's own pretty printing differs between platforms
    /// and writes empty arrays over three lines.
    ///
    ///     indent(#"{"a":[1,2],"b":[]}"#)  // {\n  "a": [1, 2],\n  "b": []\n}
    static func indent(_ json: String) -> String {
        var out = ""
        var depth = 0
        var inString = false
        var escaped = false
        let characters = Array(json)
        var i = 0
        func newline() { out += "\n" + String(repeating: "  ", count: depth) }
        while i < characters.count {
            let c = characters[i]
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                inString = true
                out.append(c)
            case "{", "[":
                let close: Character = c == "{" ? "}" : "]"
                if i + 1 < characters.count, characters[i + 1] == close {
                    out += String([c, close])
                    i += 1
                } else if c == "[", let end = characters[i...].firstIndex(of: "]"),
                    !characters[(i + 1)..<end].contains(where: { "{[\"".contains($0) })
                {
                    // Arrays of numbers stay on one line: "marks": [[49, 55]].
                    out += String(characters[i...end]).replacingOccurrences(of: ",", with: ", ")
                    i = end
                } else {
                    out.append(c)
                    depth += 1
                    newline()
                }
            case "}", "]":
                depth -= 1
                newline()
                out.append(c)
            case ",":
                out.append(c)
                newline()
            case ":":
                out += ": "
            default:
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
