import Foundation
import Yams

/// Reads rule files (`*.yaml`, `*.yml`) and validates them against the registered check kinds.
public struct RuleLoader: Sendable {
    static let ruleKeys: Set<String> = ["id", "title", "severity", "phases", "kind", "why", "remediation", "data"]

    public init() {}

    /// The file of a rules directory that holds the deployment's facts rather than a rule.
    public static let deploymentFile = "deployment.yaml"

    /// Loads the deployment model and every rule of `directory`.
    public func loadRuleSet(directory: URL) throws -> RuleSet {
        let file = directory.appendingPathComponent(Self.deploymentFile)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw RuleLoadError(file: file.path, line: 0, message: "cannot read the deployment model")
        }
        return RuleSet(rules: try load(directory: directory), deployment: try parseDeployment(text, file: file.path))
    }

    /// Parses the deployment model (`deployment.yaml`).
    public func parseDeployment(_ text: String, file: String) throws -> DeploymentModel {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw RuleLoadError(file: file, line: 1, message: "the file is empty")
            }
            do {
                return try YAMLDecoder().decode(DeploymentModel.self, from: node)
            } catch let error as DecodingError {
                throw RuleLoadError(
                    file: file, line: CheckKindRegistry.line(of: error, in: node), message: CheckKindRegistry.describe(error))
            }
        } catch let error as YamlError {
            throw Self.error(from: error, file: file)
        }
    }

    /// Loads every rule file of `directory` but the deployment model, sorted by file name. Duplicate ids are an error.
    public func load(directory: URL) throws -> [Rule] {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        } catch {
            throw RuleLoadError(file: directory.path, line: 0, message: "cannot read the rules directory")
        }
        let files = entries.filter { ["yaml", "yml"].contains($0.pathExtension) && $0.lastPathComponent != Self.deploymentFile }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var rules: [Rule] = []
        var seen: [String: String] = [:]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw RuleLoadError(file: file.path, line: 0, message: "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw RuleLoadError(file: file.path, line: Self.invalidUTF8Line(data), message: "not valid UTF-8 text")
            }
            let rule = try parse(text, file: file.path)
            if let first = seen[rule.id] {
                throw RuleLoadError(file: file.path, line: 1, message: "rule id '\(rule.id)' is already defined in \(first)")
            }
            seen[rule.id] = file.path
            rules.append(rule)
        }
        if rules.isEmpty {
            throw RuleLoadError(file: directory.path, line: 0, message: "no rule files (*.yaml) found")
        }
        return rules
    }

    /// Parses one rule file's text.
    public func parse(_ text: String, file: String) throws -> Rule {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw RuleLoadError(file: file, line: 1, message: "the file is empty")
            }
            root = node
        } catch let error as RuleLoadError {
            throw error
        } catch let error as YamlError {
            throw Self.error(from: error, file: file, text: text)
        }
        guard let mapping = root.mapping else {
            throw RuleLoadError(file: file, line: Self.line(root), message: "a rule file must be a mapping of keys")
        }
        let fields = RuleFields(file: file, mapping: mapping)
        for key in mapping.keys {
            guard let name = key.string, Self.ruleKeys.contains(name) else {
                throw RuleLoadError(
                    file: file, line: Self.line(key),
                    message: "unknown key '\(key.string ?? "?")' (expected one of \(Self.ruleKeys.sorted().joined(separator: ", ")))")
            }
        }
        let id = try fields.string("id")
        guard id.range(of: #"^[a-z0-9][a-z0-9-]*$"#, options: .regularExpression) != nil else {
            throw RuleLoadError(file: file, line: fields.line("id"), message: "id '\(id)' must be lowercase letters, digits and '-'")
        }
        let severity = try fields.enumeration("severity", Severity.self)
        let phases = try fields.enumerationList("phases", Phase.self)
        let kindName = try fields.string("kind")
        guard let kind = CheckKindRegistry.kinds[kindName] else {
            throw RuleLoadError(
                file: file, line: fields.line("kind"),
                message: "unknown check kind '\(kindName)' (known: \(CheckKindRegistry.kinds.keys.sorted().joined(separator: ", ")))")
        }
        let check = try kind(mapping["data"], file)
        return Rule(
            id: id, title: try fields.string("title"), severity: severity, phases: phases, kind: kindName,
            why: try fields.string("why"), remediation: try fields.optionalString("remediation"), source: file,
            check: check)
    }

    static func line(_ node: Node) -> Int { node.mark.map { $0.line } ?? 1 }

    /// The line where `key:` is written the second time.
    static func secondOccurrence(of key: String, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let matches = lines.indices.filter {
            lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(key + ":")
        }
        return matches.count > 1 ? matches[1] + 1 : nil
    }

    /// The line of the first byte sequence that is not UTF-8.
    static func invalidUTF8Line(_ data: Data) -> Int {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return (lines.firstIndex { String(data: Data($0), encoding: .utf8) == nil } ?? 0) + 1
    }

    static func error(from error: YamlError, file: String, text: String? = nil) -> RuleLoadError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            RuleLoadError(file: file, line: mark.line, message: "invalid YAML: \(problem)")
        case .reader(let problem, let offset, let value, let yaml):
            RuleLoadError(
                file: file, line: offset.map { line(atByteOffset: $0, in: yaml) } ?? 1,
                message: "invalid YAML: \(problem) (U+\(String(UInt32(bitPattern: value), radix: 16, uppercase: true)))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            RuleLoadError(
                file: file, line: text.flatMap { secondOccurrence(of: duplicates.first ?? "", in: $0) } ?? context.mark.line,
                message: "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            RuleLoadError(
                file: file, line: 1,
                message: "invalid YAML: " + ("\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"))
        }
    }

    /// The 1-based line of the byte at `offset` of `text`.
    static func line(atByteOffset offset: Int, in text: String) -> Int {
        text.utf8.prefix(max(0, offset)).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }
}
