/// `caller-account`: the stack is created where StackSets can deploy to the organization: the management account
/// (SELF) or a registered StackSets delegated administrator (DELEGATED_ADMIN).
struct CallerAccountCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "caller-account"
    static let summary =
        "The account the stack is created in: the management account (AccountAdminStatus=SELF) or a "
        + "registered StackSets delegated administrator (DELEGATED_ADMIN)."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("organizations:DescribeOrganization", in: .management),
        AuditorPermission("organizations:ListDelegatedAdministrators", in: .management),
    ]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let caller: String
        switch await context.callerIdentity() {
        case .failure(let error): return [rule.error(error)]
        case .success(let identity): caller = identity.account
        }
        let organization: OrganizationSnapshot
        switch await context.organization() {
        case .failure(let error): return [rule.error(error, accountId: caller)]
        case .success(let snapshot): organization = snapshot
        }
        let evidence: [String: JSONValue] = [
            "callerAccountId": .string(caller), "managementAccountId": .string(organization.managementAccountId),
            "accountAdminStatus": .string(context.options.parameters.accountAdminStatus),
        ]
        if context.options.parameters.accountAdminStatus == "DELEGATED_ADMIN" {
            let principal = context.options.deployment.stackSetsServicePrincipal
            switch await context.delegatedAdministrators(servicePrincipal: principal) {
            case .failure(let error):
                return [rule.error(error, accountId: caller)]
            case .success(let admins) where admins.contains(caller):
                return [rule.result(.pass, "account \(caller) is a delegated administrator for \(principal)", accountId: caller, evidence: evidence)]
            case .success:
                return [rule.finding(
                    "AccountAdminStatus is DELEGATED_ADMIN but account \(caller) is not a registered delegated administrator for \(principal)",
                    accountId: caller, evidence: evidence)]
            }
        }
        if caller == organization.managementAccountId {
            return [rule.result(.pass, "the caller is in the management account \(caller)", accountId: caller, evidence: evidence)]
        }
        return [rule.finding(
            "AccountAdminStatus is SELF but the caller's account \(caller) is not the management account \(organization.managementAccountId)",
            accountId: caller, evidence: evidence)]
    }
}
