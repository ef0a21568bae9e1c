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

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let accounts: [OrganizationAccount]
        switch await context.accountsInScope() {
        case .failure(let error): return [rule.error(error)]
        case .success(let list): accounts = list.filter { !$0.isManagementAccount && $0.isActive }
        }
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .audited) { account, region in
            async let instances = context.runningInstances(account: account.id, region: region)
            async let managed = context.managedInstances(account: account.id, region: region)
            let running: [EC2.Instance]
            switch await instances {
            case .failure(let error): return [rule.error(error, accountId: account.id, region: region)]
            case .success(let list): running = list
            }
            if running.isEmpty { return [] }
            let registry: [String: SSM.InstanceInformation]
            switch await managed {
            case .failure(let error): return [rule.error(error, accountId: account.id, region: region)]
            case .success(let map): registry = map
            }
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
                        accountId: account.id, region: region, resource: instance.instanceId, evidence: evidence))
                    continue
                }
                let ping = information.PingStatus ?? "Unknown"
                evidence["pingStatus"] = .string(ping)
                if ping != "Online" {
                    evidence = evidencePool.insert(evidence).memberAfterInsert
                    results.append(rule.finding(
                        "instance \(instance.instanceId) is managed but its SSM agent is \(ping)",
                        accountId: account.id, region: region, resource: instance.instanceId, evidence: evidence))
                } else {
                    healthy += 1
                }
            }
            if healthy > 0 {
                results.append(rule.result(
                    .pass, "\(healthy) of \(running.count) running instances are managed and online",
                    accountId: account.id, region: region, evidence: ["instances": .number(Double(healthy))]))
            }
            return results
        }
    }
}
