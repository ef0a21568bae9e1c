/// `existing-resources`: a parameter or association with the deployment's names already in a target account and
/// region makes the StackSet's stack instance fail there.
struct ExistingResourcesCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "existing-resources"
    static let summary =
        "Before deployment, that no account and region already holds the deployment's SSM parameters or "
        + "association (the StackSet would fail to create them)."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ssm:GetParameters", in: .member),
        AuditorPermission("ssm:ListAssociations", in: .member),
        AuditorPermission("ssm:DescribeAssociation", in: .member),
    ]

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let accounts: [OrganizationAccount]
        switch await context.accountsInScope() {
        case .failure(let error): return [rule.error(error)]
        case .success(let list): accounts = list.filter(\.isTargeted)
        }
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .deployment) { account, region in
            async let parameters = context.deploymentParameters(account: account.id, region: region)
            async let associations = context.deploymentAssociations(account: account.id, region: region)
            var results: [CheckResult] = []
            switch await parameters {
            case .failure(let error):
                results.append(rule.error(error, accountId: account.id, region: region))
            case .success(let found):
                for parameter in found.Parameters ?? [] {
                    results.append(rule.finding(
                        "SSM parameter \(parameter.Name) already exists: the StackSet cannot create it",
                        accountId: account.id, region: region, resource: parameter.Name))
                }
            }
            switch await associations {
            case .failure(let error):
                results.append(rule.error(error, accountId: account.id, region: region))
            case .success(let found):
                for association in found {
                    results.append(rule.finding(
                        "association \(association.AssociationName ?? association.AssociationId) already exists: the StackSet cannot create it",
                        accountId: account.id, region: region, resource: association.AssociationId))
                }
            }
            if results.isEmpty {
                results.append(rule.result(.pass, "no conflicting parameters or associations", accountId: account.id, region: region))
            }
            return results
        }
    }
}
