import PreflightEngine

/// GitHub Actions workflow commands: an `::error` annotation per failure and a `::warning` per warning.
public enum GitHubActions {
    /// Whether this runs in a GitHub Actions job (`GITHUB_ACTIONS=true`).
    public static func isActive(environment: [String: String]) -> Bool {
        environment["GITHUB_ACTIONS"] == "true"
    }

    /// The annotation commands for the failures then the warnings of `report`, at most `limit` of them, then a
    /// `::notice` counting the rest. An annotation names the rule's file when `rules` knows it.
    public static func annotations(for report: AuditReport, rules: [RuleDescription] = [], limit: Int = 50) -> String {
        let sources = Dictionary(rules.compactMap { rule in rule.source.map { (rule.id, $0) } }, uniquingKeysWith: { first, _ in first })
        let findings = report.results.filter { $0.status == .fail } + report.results.filter { $0.status == .warn }
        var out = ""
        for result in findings.prefix(limit) {
            var properties: [(String, String)] = []
            if let source = sources[result.ruleId] { properties.append(("file", source)) }
            properties.append(("title", "preflight \(result.ruleId): \(result.title)"))
            let scope = result.scopeLabel.map { "[\($0)] " } ?? ""
            var message = scope + result.message
            if let remediation = result.remediation {
                message += "\n" + remediation.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let command = result.status == .fail ? "error" : "warning"
            let list = properties.map { "\($0)=\(escapeProperty($1))" }.joined(separator: ",")
            out += "::\(command) \(list)::\(escapeData(message))\n"
        }
        if findings.count > limit {
            out += "::notice title=preflight::\(escapeData("\(findings.count - limit) more findings are not annotated; see the job summary or the report."))\n"
        }
        return out
    }

    /// A command's message: `%`, CR and LF percent-encoded.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A command's property value: as `escapeData`, and `:` and `,` too.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
