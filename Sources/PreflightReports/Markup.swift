/// Escaping of untrusted text (messages, resource names) for the markup formats.
enum Markup {
    /// Text for XML or HTML content or a double-quoted attribute: the five special characters as entities,
    /// characters XML 1.0 forbids as U+FFFD; in an attribute, line breaks and tabs as character references too
    /// (attribute value normalization would turn them into spaces).
    static func xml(_ text: String, attribute: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for HTML element content or a double-quoted attribute.
    static func html(_ text: String) -> String {
        xml(text, attribute: false)
    }

    /// Text for a Markdown table cell or inline text: Markdown and HTML syntax characters escaped, line breaks
    /// as `<br>`.
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(scalar)
            case "\r": break
            case "\n": out += "<br>"
            case "\u{0}"..."\u{1F}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
