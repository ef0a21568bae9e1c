import PreflightEngine

/// What the reports say about a rule besides its results: its title, why it matters and how to fix a finding.
public struct RuleDescription: Sendable, Equatable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var why: String?
    public var remediation: String?
    /// The rule's file relative to the working directory, for annotations and SARIF locations, when known.
    public var source: String?

    public init(
        id: String, title: String, severity: Severity, why: String? = nil, remediation: String? = nil,
        source: String? = nil
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.why = why
        self.remediation = remediation
        self.source = source
    }

    /// The description of a loaded rule; `source` is the rule's file as the CLI wants it shown (or nil).
    public init(_ rule: Rule, source: String? = nil) {
        self.init(
            id: rule.id, title: rule.title, severity: rule.severity, why: rule.why, remediation: rule.remediation,
            source: source)
    }

    /// `known` followed by a description, from the first result's title and severity, of every rule of `report`
    /// that `known` lacks.
    public static func complete(_ known: [RuleDescription], for report: AuditReport) -> [RuleDescription] {
        var all = known
        var seen = Set(known.map(\.id))
        for result in report.results where seen.insert(result.ruleId).inserted {
            all.append(RuleDescription(id: result.ruleId, title: result.title, severity: result.severity))
        }
        return all
    }
}
