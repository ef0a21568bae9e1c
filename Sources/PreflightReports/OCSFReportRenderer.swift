import Foundation
import PreflightEngine

/// Renders a report as a JSON array of OCSF 1.4 Compliance Finding events (class 2003, category 2 Findings), one
/// per result: a check against the deployment's requirements is a compliance check. `compliance.status_id` follows
/// OCSF's meanings: Pass for a pass, Fail for a failure or a warning (the warning's severity is Medium), Warning
/// ("did not yield a result due to missing information") for an error, Other (`Skipped`) for a skip. Failures and
/// warnings carry their remediation.
public struct OCSFReportRenderer: Sendable {
    public static let version = "1.4.0"
    public static let classUid = 2003, categoryUid = 2, activityId = 1
    /// The compliance standard every event names: the deployment's requirements as Preflight's rules check them.
    public static let standard = "Preflight: Trend Cloud One Workload Security SSM Distributor deployment"

    public init() {}

    public func render(_ report: AuditReport, rules: [RuleDescription] = []) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(events(report, rules: rules)) + Data("\n".utf8)
    }

    func events(_ report: AuditReport, rules: [RuleDescription]) -> [JSONValue] {
        let remediations = Dictionary(
            rules.compactMap { rule in rule.remediation.map { (rule.id, $0) } }, uniquingKeysWith: { first, _ in first })
        let partition = ASFFReportRenderer.Scope.partition(of: report.caller.arn)
        let home = report.homeRegion ?? Defaults.homeRegion.rawValue
        let product = JSONValue.object([
            "name": .string("preflight"), "vendor_name": .string("Preflight"), "version": .string(report.tool.version),
        ])
        return report.results.map { (result: CheckResult) -> JSONValue in
            let (complianceId, compliance) = Self.compliance(result.status)
            let (severityId, severity) = Self.severity(result.status)
            let region = result.region ?? home
            var account: [String: JSONValue] = ["type": .string("AWS Account"), "type_id": Self.integer(10)]
            if let id = result.accountId ?? report.caller.accountId { account["uid"] = .string(id) }
            if let name = result.accountName, !name.isEmpty { account["name"] = .string(name) }
            var cloud: [String: JSONValue] = [
                "provider": .string("AWS"), "region": .string(region), "account": .object(account),
                "cloud_partition": .string(partition),
            ]
            var organization: [String: JSONValue] = [:]
            if let id = report.organization.id { organization["uid"] = .string(id) }
            if let ouPath = result.ouPath { organization["ou_name"] = .string(AccountLabel.ou(ouPath)) }
            if !organization.isEmpty { cloud["org"] = .object(organization) }
            let uid = ASFFReportRenderer.findingId(result, phase: report.phase)
            var event: [String: JSONValue] = [
                "activity_id": Self.integer(Self.activityId), "activity_name": .string("Create"),
                "category_uid": Self.integer(Self.categoryUid), "category_name": .string("Findings"),
                "class_uid": Self.integer(Self.classUid), "class_name": .string("Compliance Finding"),
                "type_uid": Self.integer(Self.classUid * 100 + Self.activityId),
                "type_name": .string("Compliance Finding: Create"),
                "severity_id": Self.integer(severityId), "severity": .string(severity),
                "status_id": Self.integer(1), "status": .string("New"),
                "time": Self.milliseconds(report.finishedAt),
                "message": .string(result.message),
            ]
            event["metadata"] = .object([
                "version": .string(Self.version), "product": product, "profiles": .array([.string("cloud")]),
                "log_name": .string("preflight \(report.phase.rawValue)-deployment check"),
            ])
            event["finding_info"] = .object([
                "uid": .string(uid), "title": .string(result.title), "desc": .string(result.message),
                "created_time": Self.milliseconds(report.startedAt), "types": .array([.string("Compliance")]),
            ])
            event["compliance"] = .object([
                "standards": .array([.string(Self.standard)]), "control": .string(result.ruleId),
                "status_id": Self.integer(complianceId), "status": .string(compliance),
                "status_detail": .string(result.message),
            ])
            event["cloud"] = .object(cloud)
            event["resources"] = .array([
                Self.resource(result, partition: partition, region: region, organization: report.organization.id),
            ])
            let advice = result.remediation ?? remediations[result.ruleId]
            if result.status == .fail || result.status == .warn,
                let remediation = advice?.trimmingCharacters(in: .whitespacesAndNewlines), !remediation.isEmpty
            {
                event["remediation"] = .object(["desc": .string(remediation)])
            }
            return .object(event)
        }
    }

    /// `compliance.status_id` and its caption.
    static func compliance(_ status: CheckStatus) -> (Int, String) {
        switch status {
        case .pass: (1, "Pass")
        case .error: (2, "Warning")
        case .fail, .warn: (3, "Fail")
        case .skip: (99, "Skipped")
        }
    }

    /// `severity_id` and its caption: High for a failure, Medium for a warning, Unknown for an error (nothing is known
    /// of the subject), Informational for a pass or a skip.
    static func severity(_ status: CheckStatus) -> (Int, String) {
        switch status {
        case .fail: (4, "High")
        case .warn: (3, "Medium")
        case .error: (0, "Unknown")
        case .pass, .skip: (1, "Informational")
        }
    }

    /// The subject: an instance (its ARN), an account (with the result's resource in `data`), or what the result names
    /// (the organization by default).
    static func resource(_ result: CheckResult, partition: String, region: String, organization: String?) -> JSONValue {
        var resource: [String: JSONValue] = ["region": .string(region), "cloud_partition": .string(partition)]
        if let account = result.accountId, let id = result.resource, ASFFReportRenderer.isInstanceId(id) {
            resource["uid"] = .string("arn:\(partition):ec2:\(region):\(account):instance/\(id)")
            resource["name"] = .string(id)
            resource["type"] = .string("AWS::EC2::Instance")
        } else if let account = result.accountId {
            resource["uid"] = .string(account)
            resource["name"] = .string(AccountLabel.account(account, name: result.accountName))
            resource["type"] = .string("AWS::::Account")
            if let subject = result.resource { resource["data"] = .object(["resource": .string(subject)]) }
        } else {
            resource["uid"] = .string(result.resource ?? organization ?? "organization")
            resource["type"] = .string("Other")
        }
        return .object(resource)
    }

    /// An integer attribute (`JSONValue` holds numbers as `Double`, encoded without a fraction).
    static func integer(_ value: Int) -> JSONValue {
        .number(Double(value))
    }

    /// OCSF's `timestamp_t`: milliseconds since the epoch.
    static func milliseconds(_ date: Date) -> JSONValue {
        .number((date.timeIntervalSince1970 * 1000).rounded())
    }
}
