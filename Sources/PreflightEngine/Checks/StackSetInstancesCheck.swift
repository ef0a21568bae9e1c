import AWSServices

/// `stackset-instances`: the StackSet has a CURRENT stack instance in every targeted account and region.
struct StackSetInstancesCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "stackset-instances"
    static let summary = "The StackSet has a CURRENT stack instance for every targeted account and deployment region."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackInstances", in: .management),
    ]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let name = context.options.deployment.stackSetName
        let callAs = await context.effectiveParameters().accountAdminStatus
        let cloudFormation = CloudFormation(client: context.client, context: context.callerContext())
        let listed = await context.call("cloudformation:ListStackInstances") {
            try await cloudFormation.listStackInstances(stackSet: name, callAs: callAs)
        }
        let instances: [CloudFormation.StackInstance]
        switch listed {
        case .failure(let error) where error.code == "StackSetNotFoundException":
            return [rule.finding("StackSet \(name) does not exist", resource: name)]
        case .failure(let error): return [rule.error(error, resource: name)]
        case .success(let list): instances = list
        }
        let accounts: [OrganizationAccount]
        switch await context.accountsInScope() {
        case .failure(let error): return [rule.error(error)]
        case .success(let list): accounts = list.filter(\.isTargeted)
        }
        let regions = context.options.regions.map { wanted in context.options.deployment.regions.filter(wanted.contains) }
            ?? context.options.deployment.regions
        let byKey = Dictionary(instances.map { ("\($0.account)/\($0.region)", $0) }, uniquingKeysWith: { first, _ in first })
        var results: [CheckResult] = []
        for account in accounts {
            var current = 0
            for region in regions {
                guard let instance = byKey["\(account.id)/\(region)"] else {
                    results.append(rule.finding(
                        "StackSet \(name) has no stack instance in \(account.id) \(region)", accountId: account.id, region: region,
                        resource: name))
                    continue
                }
                if instance.status == "CURRENT" {
                    current += 1
                } else {
                    results.append(rule.finding(
                        "stack instance in \(account.id) \(region) is \(instance.status): \(instance.statusReason ?? "no reason given")",
                        accountId: account.id, region: region, resource: name,
                        evidence: ["status": .string(instance.status), "statusReason": .string(instance.statusReason ?? "")]))
                }
            }
            if current == regions.count {
                results.append(rule.result(.pass, "\(current) stack instances are CURRENT", accountId: account.id, resource: name))
            }
        }
        return results
    }
}
