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
    ]

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

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
            var results: [CheckResult] = []
            var healthy = 0
            // Equal evidence dictionaries (same profile and ping status) are stored once, shared by their results.
            var evidencePool: Set<[String: JSONValue]> = []
            for instance in running {
                var evidence: [String: JSONValue] = [
                    "instanceProfile": instance.iamInstanceProfile.map { .string($0.arn) } ?? .null
                ]
                guard let information = registry[instance.instanceId] else {
                    evidence = evidencePool.insert(evidence).memberAfterInsert
                    let cause = instance.iamInstanceProfile == nil
                        ? "no instance profile is attached" : "the SSM agent is not registered (check the agent and the role's permissions)"
                    results.append(rule.finding(
                        "instance \(instance.instanceId) is not managed by Systems Manager: \(cause)",
                        account: account.id, region: region, resource: instance.instanceId, evidence: evidence))
                    continue
                }
                let ping = information.pingStatus ?? "Unknown"
                evidence["pingStatus"] = .string(ping)
                if ping != "Online" {
                    evidence = evidencePool.insert(evidence).memberAfterInsert
                    results.append(rule.finding(
                        "instance \(instance.instanceId) is managed but its SSM agent is \(ping)",
                        account: account.id, region: region, resource: instance.instanceId, evidence: evidence))
                } else {
                    healthy += 1
                }
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
