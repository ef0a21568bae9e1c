import AWSCore
import AWSServices

/// `stackset-quotas`: the administrator account can hold one more StackSet, and the StackSet as many stack
/// instances as this deployment creates (targeted accounts × its regions), by the account's Service Quotas or,
/// when they cannot be read, the documented defaults (said so in the evidence).
struct StackSetQuotasCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// A CloudFormation quota: its Service Quotas code and name, and AWS's documented default.
        struct Quota: Decodable, Sendable {
            var code: String
            var name: String
            var defaultValue: Int
        }

        /// Where the defaults come from, and the day they were read there.
        var source: String
        var readOn: CalendarDay
        var stackSets: Quota
        var stackInstances: Quota
    }

    static let name = "stackset-quotas"
    static let summary =
        "StackSets already in the administrator account and the stack instances this deployment creates against "
        + "CloudFormation's quotas (Service Quotas, else the documented defaults)."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("servicequotas:GetServiceQuota", in: .management),
        AuditorPermission("cloudformation:ListStackSets", in: .management),
    ]

    let configuration: Configuration

    init(configuration: Configuration) { self.configuration = configuration }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let deployment = context.options.deployment
        let callAs = context.options.parameters.accountAdminStatus
        let cloudFormation = CloudFormation(client: context.calls.client, context: context.principals.callerContext())
        let stackSets = try await context.calls.call("cloudformation:ListStackSets") {
            try await cloudFormation.listActiveStackSets(callAs: callAs)
        }
        let exists = stackSets.contains { $0.stackSetName == deployment.stackSetName }
        let accounts = try await context.targetedAccounts().count
        let instances = accounts * deployment.regions.count
        let setQuota = await quota(configuration.stackSets, context: context)
        let instanceQuota = await quota(configuration.stackInstances, context: context)
        let setsNeeded = stackSets.count + (exists ? 0 : 1)
        var setEvidence = setQuota.evidence
        setEvidence["existing"] = .number(Double(stackSets.count))
        setEvidence["deploymentStackSetExists"] = .bool(exists)
        let setsText = "\(setsNeeded) StackSets with \(deployment.stackSetName) (\(stackSets.count) already there)"
        var instanceEvidence = instanceQuota.evidence
        instanceEvidence["targetedAccounts"] = .number(Double(accounts))
        instanceEvidence["regions"] = .number(Double(deployment.regions.count))
        let instancesText = "\(instances) stack instances (\(accounts) targeted accounts × \(deployment.regions.count) regions)"
        return [
            verdict(
                rule: rule, needed: setsNeeded, quota: configuration.stackSets, applied: setQuota, evidence: setEvidence,
                exceeds: "\(setsText) exceed the administrator account's quota of \(setQuota.value) (\(setQuota.name), \(setQuota.sourceText))",
                fits: "\(setsText) fit the quota of \(setQuota.value) (\(setQuota.sourceText))",
                advice: "Delete StackSets that are no longer used, or request an increase"),
            verdict(
                rule: rule, needed: instances, quota: configuration.stackInstances, applied: instanceQuota,
                evidence: instanceEvidence,
                exceeds: "\(instancesText) exceed the quota of \(instanceQuota.value) per StackSet (\(instanceQuota.sourceText))",
                fits: "\(instancesText) fit the quota of \(instanceQuota.value) per StackSet (\(instanceQuota.sourceText))",
                advice: "Request an increase"),
        ]
    }

    /// A `fail` when `needed` exceeds the applied quota, with the quota increase to request, else a `pass`.
    func verdict(
        rule: Rule, needed: Int, quota: Configuration.Quota, applied: Applied, evidence: [String: JSONValue],
        exceeds: String, fits: String, advice: String
    ) -> CheckResult {
        var evidence = evidence
        evidence["needed"] = .number(Double(needed))
        guard needed > applied.value else {
            return rule.result(.pass, fits, resource: quota.code, evidence: evidence)
        }
        return rule.finding(
            exceeds, resource: quota.code, evidence: evidence,
            remediation: "\(advice) of \(quota.code): aws service-quotas request-service-quota-increase --service-code cloudformation --quota-code \(quota.code) --desired-value \(needed)")
    }

    /// A quota's value and where it came from.
    struct Applied: Sendable {
        var name: String
        var value: Int
        var evidence: [String: JSONValue]
        var sourceText: String
    }

    /// The account's applied value of `quota`, else its documented default with the reason.
    func quota(_ quota: Configuration.Quota, context: AuditContext) async -> Applied {
        let client = ServiceQuotas(client: context.calls.client, context: context.principals.callerContext())
        var evidence: [String: JSONValue] = ["quotaCode": .string(quota.code), "quotaName": .string(quota.name)]
        do throws(AuditError) {
            let applied = try await context.calls.call("servicequotas:GetServiceQuota") {
                try await client.quota(service: "cloudformation", code: quota.code)
            }
            let value = Int(applied.value ?? Double(quota.defaultValue))
            evidence["quota"] = .number(Double(value))
            evidence["quotaSource"] = .string("service-quotas")
            return Applied(name: quota.name, value: value, evidence: evidence, sourceText: "from Service Quotas")
        } catch {
            evidence["quota"] = .number(Double(quota.defaultValue))
            evidence["quotaSource"] = .string("documented-default")
            evidence["quotaError"] = .string(error.message)
            return Applied(
                name: quota.name, value: quota.defaultValue, evidence: evidence,
                sourceText: "AWS's documented default as of \(configuration.readOn): Service Quotas could not be read")
        }
    }
}
