/// An INI file read the way botocore reads `~/.aws/config` and `~/.aws/credentials` (Python's `RawConfigParser`
/// in strict mode): `#` and `;` start full-line comments only, `=` or `:` separates a key from its value, keys are
/// trimmed and lowercased, values are trimmed, indented lines continue the previous value, a `[DEFAULT]` section
/// supplies defaults to every other section, and duplicate sections or keys are errors.
///
/// A value that starts on the line after its key (`s3 =` followed by indented `key = value` lines) is a
/// sub-section; sub-sections are validated and split like botocore does and kept apart from `values` (the
/// `[services NAME]` sections of the config file are made of them).
struct INIFile: Sendable, Equatable {
    struct Section: Sendable, Equatable {
        var name: String
        var values: [String: String]
        /// Sub-sections by key, each with its `key = value` lines.
        var subsections: [String: [String: String]] = [:]
    }

    /// Sections in file order.
    var sections: [Section]

    /// A parse failure at a 1-based line; never quotes the line or a setting's name, either of which may hold a
    /// pasted secret.
    struct ParseError: Error, Sendable, Equatable {
        var line: Int
        var reason: String
    }

    private struct PendingValue {
        /// Each physical line of the value with its 1-based line number.
        var lines: [(number: Int, text: String)]
    }

    private struct PendingSection {
        var name: String
        var keys: [String] = []
        var values: [String: PendingValue] = [:]
    }

    static func parse(_ text: String) throws(ParseError) -> INIFile {
        var sections: [PendingSection] = []
        var defaults = PendingSection(name: "DEFAULT")
        var current: Int?
        var inDefaults = false
        var seenSections: Set<String> = []
        var option: String?
        var indentLevel = 0

        func appendToCurrentValue(_ text: String, line: Int) {
            guard let option else { return }
            if inDefaults {
                defaults.values[option]?.lines.append((line, text))
            } else if let current {
                sections[current].values[option]?.lines.append((line, text))
            }
        }

        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            let stripped = rawLine.trimmingConfigWhitespace()
            let isComment = stripped.hasPrefix("#") || stripped.hasPrefix(";")
            if stripped.isEmpty || isComment {
                if !isComment { appendToCurrentValue("", line: lineNumber) }
                continue
            }
            let indent = rawLine.prefix(while: \.isWhitespace).count
            if option != nil, current != nil || inDefaults, indent > indentLevel {
                appendToCurrentValue(stripped, line: lineNumber)
                continue
            }
            indentLevel = indent
            if stripped.hasPrefix("["), let close = stripped.lastIndex(of: "]"),
                stripped.distance(from: stripped.startIndex, to: close) >= 2
            {
                let name = String(stripped[stripped.index(after: stripped.startIndex)..<close])
                option = nil
                if name == "DEFAULT" {
                    inDefaults = true
                    current = nil
                    continue
                }
                guard seenSections.insert(name).inserted else {
                    throw ParseError(line: lineNumber, reason: "section [\(name)] appears twice")
                }
                inDefaults = false
                sections.append(PendingSection(name: name))
                current = sections.count - 1
                continue
            }
            guard current != nil || inDefaults else {
                throw ParseError(line: lineNumber, reason: "setting outside of any [section]")
            }
            guard let delimiter = stripped.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw ParseError(line: lineNumber, reason: "expected 'name = value' or '[section]'")
            }
            let key = stripped[..<delimiter].trimmingConfigWhitespace().lowercased()
            guard !key.isEmpty else {
                throw ParseError(line: lineNumber, reason: "setting without a name")
            }
            let value = stripped[stripped.index(after: delimiter)...].trimmingConfigWhitespace()
            let pending = PendingValue(lines: [(lineNumber, value)])
            if inDefaults {
                guard defaults.values[key] == nil else {
                    throw ParseError(line: lineNumber, reason: "a setting appears twice in its section")
                }
                defaults.keys.append(key)
                defaults.values[key] = pending
            } else if let current {
                guard sections[current].values[key] == nil else {
                    throw ParseError(line: lineNumber, reason: "a setting appears twice in its section")
                }
                sections[current].keys.append(key)
                sections[current].values[key] = pending
            }
            option = key
        }

        let defaultValues = try resolve(defaults).values
        var result: [Section] = []
        for section in sections {
            let resolved = try resolve(section)
            result.append(
                Section(
                    name: section.name, values: defaultValues.merging(resolved.values) { $1 },
                    subsections: resolved.subsections))
        }
        return INIFile(sections: result)
    }

    /// Joins continuation lines and splits sub-sections into their `key = value` lines.
    private static func resolve(
        _ section: PendingSection
    ) throws(ParseError) -> (values: [String: String], subsections: [String: [String: String]]) {
        var values: [String: String] = [:]
        var subsections: [String: [String: String]] = [:]
        for key in section.keys {
            guard let pending = section.values[key] else { continue }
            let joined = pending.lines.map(\.text).joined(separator: "\n").trimmingTrailingConfigWhitespace()
            if joined.hasPrefix("\n") {
                var settings: [String: String] = [:]
                for line in pending.lines where !line.text.isEmpty {
                    guard let delimiter = line.text.firstIndex(of: "=") else {
                        throw ParseError(line: line.number, reason: "expected 'name = value' in an indented block")
                    }
                    let name = line.text[..<delimiter].trimmingConfigWhitespace()
                    settings[name] = line.text[line.text.index(after: delimiter)...].trimmingConfigWhitespace()
                }
                subsections[key] = settings
                continue
            }
            values[key] = joined
        }
        return (values, subsections)
    }
}

extension StringProtocol {
    func trimmingConfigWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }

    func trimmingTrailingConfigWhitespace() -> String {
        guard let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[...last])
    }
}
