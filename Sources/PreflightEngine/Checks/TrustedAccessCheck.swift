/// `stacksets-trusted-access`: SERVICE_MANAGED StackSets need trusted access for CloudFormation StackSets.
struct TrustedAccessCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "trusted-access"
    static let summary =
        "Trusted access for CloudFormation StackSets is enabled in the organization (SERVICE_MANAGED "
        + "StackSets need it)."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("organizations:ListAWSServiceAccessForOrganization", in: .management),
    ]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let principal = context.options.deployment.stackSetsServicePrincipal
        let evidence: [String: JSONValue] = ["servicePrincipal": .string(principal)]
        return try await context.organization.enabledServicePrincipals().contains(principal)
            ? [rule.result(.pass, "trusted access is enabled for \(principal)", evidence: evidence)]
            : [rule.finding("trusted access for \(principal) is not enabled in Organizations", evidence: evidence)]
    }
}
