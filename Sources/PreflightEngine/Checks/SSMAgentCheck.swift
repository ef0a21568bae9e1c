import AWSCore
import AWSServices

/// `ssm-agent`: every running instance of a member account is managed by Systems Manager and online, or the
/// association can never reach it.
struct SSMAgentCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "ssm-agent"
    static let summary =
        "Every running instance of the targeted accounts is managed by Systems Manager and its agent is "
        + "online."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ec2:DescribeInstances", in: .member),
        AuditorPermission("ssm:DescribeInstanceInformation", in: .member),
    ] + InstanceDiagnosis.auditorPermissions

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    var causes: [DiagnosisCause] { DiagnosisCause.allCases }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let accounts = try await context.organization.accountsInScope().filter { !$0.isManagementAccount && $0.isActive }
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .audited) {
            account, region throws(AuditError) in
            let scope = AccountRegion(account.id, region)
            async let managed = AuditError.catching { () async throws(AuditError) in
                try await context.inventory.managedInstances(in: scope)
            }
            let running = try await context.inventory.runningInstances(in: scope)
            if running.isEmpty { return [] }
            let registry = try await managed.get()
            let unhealthy = running.contains { registry[$0.instanceId]?.pingStatus != "Online" }
            let diagnoses = unhealthy
                ? await AuditError.catching { () async throws(AuditError) in try await context.inventory.diagnoses(in: scope) }
                : .success([:])
            var results: [CheckResult] = []
            var healthy = 0
            // Equal evidence dictionaries (same profile, ping status and causes) are stored once, shared by their
            // results.
            var evidencePool: Set<[String: JSONValue]> = []
            for instance in running {
                var evidence: [String: JSONValue] = [
                    "instanceProfile": instance.iamInstanceProfile.map { .string($0.arn) } ?? .null
                ]
                let ping = registry[instance.instanceId]?.pingStatus
                if ping == "Online" {
                    healthy += 1
                    continue
                }
                if let ping { evidence["pingStatus"] = .string(ping) }
                let state = ping.map { "managed but its SSM agent is \($0)" } ?? "not managed by Systems Manager"
                let diagnosis = diagnoses.map { $0[instance.instanceId] }
                evidence["causes"] = .array((try? diagnosis.get())??.causes.map { .string($0.rawValue) } ?? [])
                let message: String
                var remediation: String?
                switch diagnosis {
                case .success(let found?):
                    if !found.undetermined.isEmpty {
                        evidence["undetermined"] = .array(found.undetermined.map { .string($0) })
                    }
                    message = "instance \(instance.instanceId) is \(state): "
                        + (found.findings.first?.detail ?? "the causes could not be determined")
                    remediation = found.findings.isEmpty ? nil : found.findings.map(\.remediation).joined(separator: "\n")
                case .success(nil):
                    message = "instance \(instance.instanceId) is \(state)"
                case .failure(let error):
                    evidence["undetermined"] = .array([.string(error.message)])
                    message = "instance \(instance.instanceId) is \(state): the causes could not be determined"
                }
                evidence = evidencePool.insert(evidence).memberAfterInsert
                results.append(rule.finding(
                    message, account: account.id, region: region, resource: instance.instanceId, evidence: evidence,
                    remediation: remediation))
            }
            if healthy > 0 {
                results.append(rule.result(
                    .pass, "\(healthy) of \(running.count) running instances are managed and online",
                    account: account.id, region: region, evidence: ["instances": .number(Double(healthy))]))
            }
            return results
        }
    }
}
