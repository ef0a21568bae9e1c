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

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let accounts: [OrganizationAccount]
        switch await context.accountsInScope() {
        case .failure(let error): return [rule.error(error)]
        case .success(let list): accounts = list.filter { $0.isTargeted }
        }
        let deployment = Set(context.options.deployment.regions)
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .audited) { account, region in
            guard !deployment.contains(region) else { return [] }
            switch await context.runningInstances(account: account.id, region: region) {
            case .failure(let error):
                return [rule.error(error, accountId: account.id, region: region)]
            case .success(let instances):
                return instances.map {
                    rule.finding(
                        "instance \($0.instanceId) runs in \(region), outside the StackSet's \(deployment.count) regions",
                        accountId: account.id, region: region, resource: $0.instanceId)
                }
            }
        }
    }
}
