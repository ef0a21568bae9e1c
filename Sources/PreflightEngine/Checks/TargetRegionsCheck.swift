import AWSCore

/// `target-regions`: the StackSet deploys to a fixed list of regions; instances elsewhere are never covered.
struct TargetRegionsCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "target-regions"
    static let summary = "Running instances in regions outside the StackSet's 16: they are never covered."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ec2:DescribeRegions", in: .member),
        AuditorPermission("ec2:DescribeInstances", in: .member),
    ]

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let accounts = try await context.targetedAccounts()
        let deployment = Set(context.options.deployment.regions)
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .audited) {
            account, region throws(AuditError) in
            guard !deployment.contains(region) else { return [] }
            return try await context.inventory.runningInstances(in: AccountRegion(account.id, region)).map {
                rule.finding(
                    "instance \($0.instanceId) runs in \(region), outside the StackSet's \(deployment.count) regions",
                    account: account.id, region: region, resource: $0.instanceId)
            }
        }
    }
}
