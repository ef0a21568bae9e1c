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

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let accounts = try await context.organization.accountsInScope().filter(\.isManagementAccount)
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .audited) {
            account, region throws(AuditError) in
            let instances = try await context.inventory.runningInstances(in: AccountRegion(account.id, region))
            if instances.isEmpty {
                return [rule.result(.pass, "no running instances in the management account", account: account.id, region: region)]
            }
            return instances.map {
                rule.finding(
                    "instance \($0.instanceId) runs in the management account, where StackSets never deploy: it is excluded",
                    account: account.id, region: region, resource: $0.instanceId)
            }
        }
    }
}
