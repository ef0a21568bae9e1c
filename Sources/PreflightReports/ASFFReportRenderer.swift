import Foundation
import PreflightEngine

/// Renders a report as a JSON array of AWS Security Finding Format (ASFF) findings for Security Hub's
/// `BatchImportFindings`: one per failed or warned result, then one per uncovered instance. Passes, skips and
/// errors (checks that could not be evaluated) are not findings. A finding's `Id` is made of the phase, the rule and
/// the subject (account, region, resource), so a later import of the same subject updates it; its `ProductArn` is
/// the caller account's default product in the run's home region.
public struct ASFFReportRenderer: Sendable {
    public static let schemaVersion = "2018-10-08"
    public static let findingType = "Software and Configuration Checks/AWS Security Best Practices"
    /// The `GeneratorId` of the uncovered instances' findings.
    public static let coverageGenerator = "coverage"
    /// The longest `Id`, `Title`, `Description` and recommendation Security Hub accepts.
    static let idLimit = 512, titleLimit = 256, descriptionLimit = 1024, recommendationLimit = 512

    /// The report has findings but no account to import them for.
    public struct MissingAccountError: Error, CustomStringConvertible {
        public var description: String {
            "the report has no caller or management account id: ASFF findings need one (AwsAccountId, ProductArn)"
        }
    }

    public init() {}

    public func render(_ report: AuditReport, rules: [RuleDescription] = []) throws -> Data {
        let findings = try self.findings(report, rules: rules)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(findings) + Data("\n".utf8)
    }

    /// The findings of `report`, results first.
    func findings(_ report: AuditReport, rules: [RuleDescription]) throws -> [JSONValue] {
        let results = report.results.filter { $0.status == .fail || $0.status == .warn }
        let uncovered = report.coverage.instances.filter { $0.verdict == .uncovered }
        guard !results.isEmpty || !uncovered.isEmpty else { return [] }
        guard let account = report.caller.accountId ?? report.organization.managementAccountId else {
            throw MissingAccountError()
        }
        let scope = Scope(report: report, account: account, rules: rules)
        return results.map { finding($0, in: scope) } + uncovered.map { finding($0, in: scope) }
    }

    /// What every finding of one report shares.
    struct Scope {
        var report: AuditReport
        var account: String
        var partition: String
        var region: String
        var productArn: String
        var remediations: [String: String]

        init(report: AuditReport, account: String, rules: [RuleDescription]) {
            self.report = report
            self.account = account
            partition = Self.partition(of: report.caller.arn)
            region = report.homeRegion ?? Defaults.homeRegion.rawValue
            productArn = "arn:\(partition):securityhub:\(region):\(account):product/\(account)/default"
            remediations = Dictionary(
                rules.compactMap { rule in rule.remediation.map { (rule.id, $0) } }, uniquingKeysWith: { first, _ in first })
        }

        /// The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`), `aws` without one.
        static func partition(of arn: String?) -> String {
            let parts = arn?.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false) ?? []
            return parts.count > 2 && parts[0] == "arn" && !parts[1].isEmpty ? String(parts[1]) : "aws"
        }
    }

    func finding(_ result: CheckResult, in scope: Scope) -> JSONValue {
        let account = result.accountId ?? scope.account
        let region = result.region ?? scope.region
        let resource: JSONValue
        if let id = result.accountId, let instance = result.resource, Self.isInstanceId(instance) {
            resource = Self.instance(instance, account: id, region: region, partition: scope.partition)
        } else if let id = result.accountId {
            resource = .object([
                "Type": .string("AwsAccount"), "Id": .string("AWS::::Account:\(id)"), "Partition": .string(scope.partition),
                "Region": .string(region),
            ])
        } else {
            let id = result.resource ?? scope.report.organization.id ?? "organization"
            resource = .object([
                "Type": .string("Other"), "Id": .string(id), "Partition": .string(scope.partition), "Region": .string(region),
            ])
        }
        let recommendation = result.remediation ?? scope.remediations[result.ruleId]
            ?? "See `preflight rules explain \(result.ruleId)`."
        var fields: [String: JSONValue] = ["preflight/RuleId": .string(result.ruleId)]
        if let resource = result.resource, !resource.isEmpty { fields["preflight/Resource"] = .string(resource) }
        return common(
            id: Self.findingId(result, phase: scope.report.phase), generator: result.ruleId, account: account,
            accountName: result.accountName, ouPath: result.ouPath, region: region, title: result.title,
            description: result.message.isEmpty ? result.title : result.message, recommendation: recommendation,
            failed: result.status == .fail, resource: resource, fields: fields, in: scope)
    }

    func finding(_ instance: InstanceCoverage, in scope: Scope) -> JSONValue {
        let reason = instance.reason
        let description = "Instance \(instance.instanceId) in \(instance.accountLabel) \(instance.region) is not covered by the "
            + "Workload Security agent deployment" + (reason.map { ": \($0.rawValue)" } ?? ".")
        var fields: [String: JSONValue] = ["preflight/InstanceId": .string(instance.instanceId)]
        if let reason { fields["preflight/Reason"] = .string(reason.rawValue) }
        let resource = Self.instance(
            instance.instanceId, account: instance.accountId, region: instance.region, partition: scope.partition)
        return common(
            id: Self.findingId(["preflight", scope.report.phase.rawValue, Self.coverageGenerator, instance.accountId,
                                instance.region, instance.instanceId]),
            generator: Self.coverageGenerator, account: instance.accountId, accountName: instance.accountName,
            ouPath: instance.ouPath, region: instance.region,
            title: "Running instance not covered by the Workload Security agent", description: description,
            recommendation: Self.advice(reason), failed: true, resource: resource, fields: fields, in: scope)
    }

    /// The members every finding has.
    func common(
        id: String, generator: String, account: String, accountName: String?, ouPath: String?, region: String,
        title: String, description: String, recommendation: String, failed: Bool, resource: JSONValue,
        fields: [String: JSONValue], in scope: Scope
    ) -> JSONValue {
        var fields = fields
        fields["preflight/Phase"] = .string(scope.report.phase.rawValue)
        if let ouPath { fields["preflight/OUPath"] = .string(AccountLabel.ou(ouPath)) }
        var finding: [String: JSONValue] = [
            "SchemaVersion": .string(Self.schemaVersion),
            "Id": .string(id),
            "ProductArn": .string(scope.productArn),
            "GeneratorId": .string(generator),
            "AwsAccountId": .string(account),
            "Region": .string(region),
            "Types": .array([.string(Self.findingType)]),
            "CreatedAt": .string(Timestamp.iso8601(scope.report.startedAt)),
            "UpdatedAt": .string(Timestamp.iso8601(scope.report.finishedAt)),
            "Severity": .object(["Label": .string(failed ? "HIGH" : "MEDIUM"), "Original": .string(failed ? "fail" : "warn")]),
            "Title": .string(Self.cut(title, Self.titleLimit)),
            "Description": .string(Self.cut(description, Self.descriptionLimit)),
            "Remediation": .object([
                "Recommendation": .object(["Text": .string(Self.cut(recommendation, Self.recommendationLimit))]),
            ]),
            "Compliance": .object(["Status": .string(failed ? "FAILED" : "WARNING")]),
            "RecordState": .string("ACTIVE"),
            "ProductFields": .object(fields),
            "Resources": .array([resource]),
        ]
        if let accountName, !accountName.isEmpty { finding["AwsAccountName"] = .string(accountName) }
        return .object(finding)
    }

    /// An `AwsEc2Instance` resource: its ARN, partition and region.
    static func instance(_ id: String, account: String, region: String, partition: String) -> JSONValue {
        .object([
            "Type": .string("AwsEc2Instance"), "Id": .string("arn:\(partition):ec2:\(region):\(account):instance/\(id)"),
            "Partition": .string(partition), "Region": .string(region),
        ])
    }

    static func isInstanceId(_ text: String) -> Bool {
        text.hasPrefix("i-") && text.count > 2 && text.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// A result's finding id: `preflight/PHASE/RULE/ACCOUNT/REGION/RESOURCE`, `-` for a part the result lacks.
    static func findingId(_ result: CheckResult, phase: Phase) -> String {
        findingId([
            "preflight", phase.rawValue, result.ruleId, result.accountId ?? "-", result.region ?? "-", result.resource ?? "-",
        ])
    }

    /// The parts joined by `/`; past `idLimit`, cut and ended by a hash of the whole, so that it stays unique.
    static func findingId(_ parts: [String]) -> String {
        let id = parts.joined(separator: "/")
        guard id.utf8.count > idLimit else { return id }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let suffix = "#" + String(hash, radix: 16)
        return String(decoding: id.utf8.prefix(idLimit - 17), as: UTF8.self) + suffix
    }

    /// `text` trimmed, at most `limit` characters (the last an ellipsis when cut).
    static func cut(_ text: String, _ limit: Int) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count <= limit ? trimmed : String(trimmed.prefix(limit - 1)) + "…"
    }

    /// How to cover an instance that is not, by the reason.
    static func advice(_ reason: CoverageReason?) -> String {
        switch reason {
        case .managementAccount: "The StackSet never deploys to the management account: install the agent there by hand."
        case .accountNotTargeted: "Move the account into an OU the StackSet targets."
        case .regionNotTargeted: "Add the region to the StackSet's regions."
        case .notManaged:
            "Make the instance an SSM managed node: SSM Agent running, an instance profile with AmazonSSMManagedInstanceCore."
        case .pingLost: "Restore the SSM Agent's connection (agent running, network path to the SSM endpoints)."
        case .noAssociation: "Create the Workload Security association in this account and region (update the StackSet instance)."
        case .associationFailed: "Check the association's execution output on the instance and re-run it."
        case .associationPending: "Wait for the association's first run, or run it now with ssm start-associations-once."
        case nil: "Run `preflight check --phase post` for the instance's coverage details."
        }
    }
}
