import AWSCore

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

    /// What the rule's check verifies, in a sentence or two.
    public var summary: String { check.summary }

    /// The permissions the principal this rule evaluates needs (see `Check.requiredPermissions`).
    public var requiredPermissions: [Permission] { check.requiredPermissions }

    /// What Preflight calls for this rule, beyond the inventory every run reads.
    public var auditorPermissions: [AuditorPermission] { check.auditorPermissions }
    /// The causes the rule's findings name, in their order (empty for most rules).
    public var causes: [DiagnosisCause] { check.causes }

    /// A result of this rule, with its id, title, severity and remediation filled in.
    public func result(
        _ status: CheckStatus, _ message: String, account: AccountID? = nil, region: Region? = nil,
        resource: String? = nil, evidence: [String: JSONValue] = [:], remediation specific: String? = nil
    ) -> CheckResult {
        let advice = [specific, remediation].compactMap(\.self)
        return CheckResult(
            ruleId: id, title: title, status: status, severity: severity, accountId: account?.rawValue,
            region: region?.rawValue,
            resource: resource, message: message, evidence: evidence,
            remediation: (status == .fail || status == .warn) && !advice.isEmpty ? advice.joined(separator: "\n") : nil)
    }

    /// A finding: `fail` or `warn` as the rule's severity says; `remediation` goes before the rule's own.
    public func finding(
        _ message: String, account: AccountID? = nil, region: Region? = nil, resource: String? = nil,
        evidence: [String: JSONValue] = [:], remediation: String? = nil
    ) -> CheckResult {
        result(
            severity.findingStatus, message, account: account, region: region, resource: resource, evidence: evidence,
            remediation: remediation)
    }

    /// Runs the rule's check.
    func run(in context: AuditContext) async -> [CheckResult] {
        do throws(AuditError) {
            return try await check.run(rule: self, context: context)
        } catch {
            return [self.error(error)]
        }
    }
}

extension Rule {
    /// An `error` result: the check could not be evaluated, with the missing permission when that is the cause.
    public func error(_ error: AuditError, account: AccountID? = nil, region: Region? = nil, resource: String? = nil)
        -> CheckResult
    {
        var result = result(.error, error.message, account: account, region: region, resource: resource, evidence: error.evidence)
        if let missing = error.missingPermission {
            let whose = missing.lowercased() == "sts:assumerole"
                ? "Allow Preflight's identity to assume the member role (whose trust policy must trust it too):"
                : "Allow Preflight's identity in that account (the caller, or the member role it assumes) this action:"
            result.remediation = whose + "\n" + PolicyStatement(Permission(action: missing)).json
                + "\nThe least-privilege policies are rules/iam/preflight-management.json and rules/iam/preflight-member.json."
        }
        return result
    }
}
