/// A configured check: a check kind with the data one rule gave it.
protocol Check: Sendable {
    /// The check's results; a thrown error becomes the rule's one `error` result.
    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult]
    /// What the check verifies, in a sentence or two.
    var summary: String { get }
    /// The permissions the principal this check evaluates must have (the deployer's, the Lambda role's), as the
    /// rule's data gives them; empty for checks that evaluate no principal.
    var requiredPermissions: [Permission] { get }
    /// What Preflight calls for this check, beyond the organization and instance inventory every run reads.
    var auditorPermissions: [AuditorPermission] { get }
    /// Whether the check reads account × region inventories (instances, managed instances, parameters,
    /// associations); such a check reads them only inside one `forEachAccountRegion` loop, for the account visited,
    /// so that they are freed once every reader has finished the account.
    var readsInventories: Bool { get }
    /// The causes the check's findings name, in their order.
    var causes: [DiagnosisCause] { get }
}

extension Check {
    var requiredPermissions: [Permission] { [] }
    var causes: [DiagnosisCause] { [] }
    var readsInventories: Bool { false }
}
