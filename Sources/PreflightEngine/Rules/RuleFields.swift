import Yams

/// Typed access to a rule file's top-level keys, with errors that name the file and line.
struct RuleFields {
    let file: String
    let mapping: Node.Mapping

    func line(_ key: String) -> Int {
        mapping.keys.first { $0.string == key }.map(RuleLoader.line) ?? 1
    }

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else {
            throw RuleLoadError(file: file, line: 1, message: "missing required key '\(key)'")
        }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.scalar?.string, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RuleLoadError(file: file, line: RuleLoader.line(node), message: "'\(key)' must be a non-empty string")
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func enumeration<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T where T.RawValue == String {
        let value = try string(key)
        guard let parsed = T(rawValue: value) else {
            throw RuleLoadError(
                file: file, line: line(key),
                message: "'\(key)' is '\(value)', expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    func enumerationList<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> [T]
    where T.RawValue == String {
        guard let node = mapping[key] else {
            throw RuleLoadError(file: file, line: 1, message: "missing required key '\(key)'")
        }
        guard let items = node.sequence, !items.isEmpty else {
            throw RuleLoadError(file: file, line: RuleLoader.line(node), message: "'\(key)' must be a non-empty list")
        }
        return try items.map { item in
            guard let value = item.string, let parsed = T(rawValue: value) else {
                throw RuleLoadError(
                    file: file, line: RuleLoader.line(item),
                    message: "'\(key)' has '\(item.string ?? "?")', expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return parsed
        }
    }
}
