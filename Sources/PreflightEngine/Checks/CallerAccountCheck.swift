import AWSCore

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

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let caller = try await context.principals.caller().account
        do throws(AuditError) {
            return try await evaluate(rule: rule, context: context, caller: caller)
        } catch {
            return [rule.error(error, account: caller)]
        }
    }

    private func evaluate(rule: Rule, context: AuditContext, caller: AccountID) async throws(AuditError) -> [CheckResult] {
        let organization = try await context.organization.organization()
        let evidence: [String: JSONValue] = [
            "callerAccountId": .string(caller.rawValue),
            "managementAccountId": .string(organization.managementAccountId.rawValue),
            "accountAdminStatus": .string(context.options.parameters.accountAdminStatus),
        ]
        if context.options.parameters.accountAdminStatus == "DELEGATED_ADMIN" {
            let principal = context.options.deployment.stackSetsServicePrincipal
            if try await context.organization.delegatedAdministrators(servicePrincipal: principal).contains(caller) {
                return [rule.result(.pass, "account \(caller) is a delegated administrator for \(principal)", account: caller, evidence: evidence)]
            }
            return [rule.finding(
                "AccountAdminStatus is DELEGATED_ADMIN but account \(caller) is not a registered delegated administrator for \(principal)",
                account: caller, evidence: evidence)]
        }
        if caller == organization.managementAccountId {
            return [rule.result(.pass, "the caller is in the management account \(caller)", account: caller, evidence: evidence)]
        }
        return [rule.finding(
            "AccountAdminStatus is SELF but the caller's account \(caller) is not the management account \(organization.managementAccountId)",
            account: caller, evidence: evidence)]
    }
}
