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

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let accounts = try await context.targetedAccounts()
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .deployment) {
            account, region throws(AuditError) in
            let scope = AccountRegion(account.id, region)
            async let parameters = AuditError.catching { () async throws(AuditError) in
                try await context.inventory.deploymentParameters(in: scope)
            }
            async let associations = AuditError.catching { () async throws(AuditError) in
                try await context.inventory.deploymentAssociations(in: scope)
            }
            var results: [CheckResult] = []
            switch await parameters {
            case .failure(let error):
                results.append(rule.error(error, account: account.id, region: region))
            case .success(let found):
                for parameter in found.parameters ?? [] {
                    results.append(rule.finding(
                        "SSM parameter \(parameter.name) already exists: the StackSet cannot create it",
                        account: account.id, region: region, resource: parameter.name))
                }
            }
            switch await associations {
            case .failure(let error):
                results.append(rule.error(error, account: account.id, region: region))
            case .success(let found):
                for association in found {
                    results.append(rule.finding(
                        "association \(association.associationName ?? association.associationId) already exists: the StackSet cannot create it",
                        account: account.id, region: region, resource: "association/\(association.associationId)"))
                }
            }
            if results.isEmpty {
                results.append(rule.result(.pass, "no conflicting parameters or associations", account: account.id, region: region))
            }
            return results
        }
    }
}
