/// `management-account-exclusion`: StackSets never deploy to the management account, so its instances get nothing.
struct ManagementAccountCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "management-account-exclusion"
    static let summary =
        "Running instances of the management account: StackSets never deploy there, so they get no agent."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ec2:DescribeRegions", in: .management),
        AuditorPermission("ec2:DescribeInstances", in: .management),
    ]

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let accounts: [OrganizationAccount]
        switch await context.accountsInScope() {
        case .failure(let error): return [rule.error(error)]
        case .success(let list): accounts = list.filter(\.isManagementAccount)
        }
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .audited) { account, region in
            switch await context.runningInstances(account: account.id, region: region) {
            case .failure(let error):
                return [rule.error(error, accountId: account.id, region: region)]
            case .success(let instances) where instances.isEmpty:
                return [rule.result(.pass, "no running instances in the management account", accountId: account.id, region: region)]
            case .success(let instances):
                return instances.map {
                    rule.finding(
                        "instance \($0.instanceId) runs in the management account, where StackSets never deploy: it is excluded",
                        accountId: account.id, region: region, resource: $0.instanceId)
                }
            }
        }
    }
}
