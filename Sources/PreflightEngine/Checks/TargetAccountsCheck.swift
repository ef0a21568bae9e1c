/// `target-accounts`: the StackSet targets OUs, so accounts attached directly to the root are never reached.
struct TargetAccountsCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "target-accounts"
    static let summary =
        "Accounts attached directly to the root: they are in no OU, so the StackSet never targets them."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("organizations:ListRoots", in: .management),
        AuditorPermission("organizations:ListOrganizationalUnitsForParent", in: .management),
        AuditorPermission("organizations:ListAccountsForParent", in: .management),
    ]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        try await context.organization.accountsInScope().filter { !$0.isManagementAccount }.map { account in
            let evidence: [String: JSONValue] = [
                "status": .string(account.status),
                "organizationalUnitPath": .array(account.organizationalUnitPath.map { .string($0) }),
            ]
            if !account.isActive {
                return rule.result(.skip, "account \(account.id) is \(account.status) and is not audited", account: account.id, evidence: evidence)
            }
            if account.organizationalUnitPath.isEmpty {
                return rule.finding(
                    "account \(account.id) is attached directly to the root, in no OU: the StackSet never deploys to it",
                    account: account.id, evidence: evidence)
            }
            return rule.result(.pass, "account \(account.id) is in OU \(account.organizationalUnitPath.last!)", account: account.id, evidence: evidence)
        }
    }
}
