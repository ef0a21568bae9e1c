import Foundation
import PreflightEngine

/// Small reports built in code for the unit tests.
enum Sample {
    static let start = Date(timeIntervalSince1970: 1_767_261_600)  // 2026-01-01T10:00:00Z

    static func report(
        phase: Phase = .post, results: [CheckResult] = [], instances: [InstanceCoverage] = [], startedAt: Date = start,
        seconds: TimeInterval = 12, organization: String? = "o-sample12345"
    ) -> AuditReport {
        AuditReport(
            tool: .init(name: "preflight", version: "0.1.0"), phase: phase, startedAt: startedAt,
            finishedAt: startedAt.addingTimeInterval(seconds),
            caller: .init(accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/admin", principalArn: nil),
            organization: .init(id: organization, managementAccountId: "123456789012"),
            results: results, coverage: .init(totals: CoverageTotals(instances), instances: instances))
    }

    static func result(
        _ ruleId: String, _ status: CheckStatus, _ message: String, account: String? = nil, region: String? = nil,
        resource: String? = nil, name: String? = nil, ouPath: String? = nil
    ) -> CheckResult {
        CheckResult(
            ruleId: ruleId, title: "Title of \(ruleId)", status: status, severity: status == .warn ? .warn : .fail,
            accountId: account, region: region, resource: resource, message: message,
            remediation: status == .fail || status == .warn ? "Fix \(ruleId)." : nil, accountName: name, ouPath: ouPath)
    }

    static func instance(
        _ id: String, _ verdict: CoverageVerdict, account: String = "111111111111", region: String = "us-east-1",
        reason: CoverageReason? = nil, name: String? = nil, ouPath: String? = nil
    ) -> InstanceCoverage {
        InstanceCoverage(
            accountId: account, region: region, instanceId: id, verdict: verdict,
            reason: reason ?? (verdict == .uncovered ? .noAssociation : verdict == .excluded ? .managementAccount : nil),
            accountName: name, ouPath: ouPath)
    }
}
