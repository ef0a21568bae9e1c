import Foundation
import PreflightEngine

/// A report with every optional field of every type set, so that its encoding shows each field the types encode.
enum FullReport {
    static func make(results count: Int = 2) -> AuditReport {
        let results = (0..<count).map { (index: Int) -> CheckResult in
            let evidence: [String: JSONValue] = [
                "count": .number(Double(index)), "ok": false, "list": .array(["a", .number(1.5), .null]),
                "z": .object(["y": "x"]),
            ]
            return CheckResult(
                ruleId: "rule-\(index % 7)", title: "Title \(index)", status: index % 2 == 0 ? .fail : .warn,
                severity: index % 2 == 0 ? .fail : .warn, accountId: "111111111111", region: "eu-west-1",
                resource: "arn:aws:iam::111111111111:role/r-\(index)", message: "message \(index)\n\"quoted\"",
                evidence: evidence,
                remediation: "Fix / retry \(index).", accountName: "prod-app-1", ouPath: "Workloads/Prod")
        }
        let instances = [
            InstanceCoverage(
                accountId: "222222222222", region: "us-east-1", instanceId: "i-0a", verdict: .uncovered, reason: .pingLost,
                accountName: "sandbox", ouPath: "")
        ]
        return AuditReport(
            tool: .init(name: "preflight", version: "0.1.0", rulesDirectory: "/etc/preflight/rules"), phase: .post,
            startedAt: Date(timeIntervalSince1970: 1_767_225_600), finishedAt: Date(timeIntervalSince1970: 1_767_225_661),
            caller: .init(accountId: "111111111111", arn: "arn:aws:sts::111111111111:assumed-role/a/b",
                principalArn: "arn:aws:iam::111111111111:role/a"),
            organization: .init(id: "o-abcdefghij", managementAccountId: "111111111111"), results: results,
            coverage: .init(totals: CoverageTotals(instances), instances: instances), homeRegion: "eu-west-1")
    }
}
