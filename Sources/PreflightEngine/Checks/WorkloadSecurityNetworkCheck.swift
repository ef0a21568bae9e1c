import AWSCore

/// `workload-security-network`: a managed instance whose only path to Systems Manager is the VPC's interface
/// endpoints, with no route to the internet, gets the agent and cannot reach the Workload Security manager.
struct WorkloadSecurityNetworkCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "workload-security-network"
    static let summary =
        "Managed instances that reach Systems Manager only through VPC endpoints, with no route to the internet: the "
        + "association installs the agent, which cannot reach the Workload Security manager."
    static let auditorPermissions: [AuditorPermission] = [AuditorPermission.Scope.management, .member].flatMap { scope in
        (["ec2:DescribeInstances", "ssm:DescribeInstanceInformation"] + InstanceDiagnosis.networkPermissions.map(\.action))
            .map { AuditorPermission($0, in: scope) }
    }

    /// The evidence's reason for an instance without a path to the manager.
    static let reason = "no-network-path-to-workload-security"

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let accounts = try await context.organization.accountsInScope().filter(\.isActive)
        let manager = context.options.workloadSecurity.region.map { "agents.workload.\($0).cloudone.trendmicro.com:443" }
            ?? "the Workload Security manager (agents.workload.REGION.cloudone.trendmicro.com:443)"
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .audited) {
            account, region throws(AuditError) in
            let scope = AccountRegion(account.id, region)
            async let managed = AuditError.catching { () async throws(AuditError) in
                try await context.inventory.managedInstances(in: scope)
            }
            let running = try await context.inventory.runningInstances(in: scope)
            let registry = try await managed.get()
            let online = running.filter { registry[$0.instanceId]?.pingStatus == "Online" && $0.subnetId != nil }
            if online.isEmpty { return [] }
            let model = try await context.inventory.network(in: scope)
            var results: [CheckResult] = []
            var reachable = 0
            for instance in online {
                let assessment = try InventoryStore.assess(instance, in: model)
                guard assessment.endpointsOnly else {
                    reachable += 1
                    continue
                }
                results.append(rule.finding(
                    "instance \(instance.instanceId) reaches Systems Manager only through VPC endpoints and subnet "
                        + "\(instance.subnetId ?? "") has no route to the internet: the agent installs and cannot reach "
                        + manager,
                    account: account.id, region: region, resource: instance.instanceId,
                    evidence: ["reason": .string(Self.reason), "subnetId": .string(instance.subnetId ?? "")],
                    remediation: "Give subnet \(instance.subnetId ?? "") a route to the internet (a NAT gateway), or a "
                        + "proxy or relay the agent can reach, for \(manager) and its relay."))
            }
            if reachable > 0 {
                results.append(rule.result(
                    .pass, "\(reachable) of \(online.count) managed instances have a route to the internet",
                    account: account.id, region: region, evidence: ["instances": .number(Double(reachable))]))
            }
            return results
        }
    }
}
