/// Escaping for HTML text and attribute values.
public enum HTML {
    ///     HTML.escape("<b>\"Đảng\" & 'dân'</b>")  // "&lt;b&gt;&quot;Đảng&quot; &amp; &#39;dân&#39;&lt;/b&gt;"
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
