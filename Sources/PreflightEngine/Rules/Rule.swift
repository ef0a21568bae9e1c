/// A rule as written in a file of `rules/`: what it checks, and the check kind that does it.
public struct Rule: Sendable {
    public var id: String
    public var title: String
    public var severity: Severity
    public var phases: [Phase]
    /// The name of the check kind, e.g. `principal-permissions`.
    public var kind: String
    /// Why the rule matters for this deployment.
    public var why: String
    public var remediation: String?
    /// Where the rule was read from, for messages.
    public var source: String
    let check: any Check

    /// A result of this rule, with its id, title, severity and remediation filled in.
    public func result(
        _ status: CheckStatus, _ message: String, accountId: String? = nil, region: String? = nil,
        resource: String? = nil, evidence: [String: JSONValue] = [:]
    ) -> CheckResult {
        CheckResult(
            ruleId: id, title: title, status: status, severity: severity, accountId: accountId, region: region,
            resource: resource, message: message, evidence: evidence,
            remediation: status == .fail || status == .warn ? remediation : nil)
    }

    /// A finding: `fail` or `warn` as the rule's severity says.
    public func finding(
        _ message: String, accountId: String? = nil, region: String? = nil, resource: String? = nil,
        evidence: [String: JSONValue] = [:]
    ) -> CheckResult {
        result(severity.findingStatus, message, accountId: accountId, region: region, resource: resource, evidence: evidence)
    }

    /// Runs the rule's check.
    func run(in context: AuditContext) async -> [CheckResult] {
        await check.run(rule: self, context: context)
    }
}

extension Rule {
    /// An `error` result: the check could not be evaluated, with the missing permission when that is the cause.
    public func error(_ error: AuditError, accountId: String? = nil, region: String? = nil, resource: String? = nil)
        -> CheckResult
    {
        result(.error, error.message, accountId: accountId, region: region, resource: resource, evidence: error.evidence)
    }
}
