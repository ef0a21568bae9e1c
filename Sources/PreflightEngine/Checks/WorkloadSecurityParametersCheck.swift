import AWSCore
import CloudOne

/// `workload-security-parameters`: in every targeted account × deployment region, the four SSM parameters hold what
/// the manager issues now. The tenant id and token are compared in memory and never shown, nor any hash of them.
struct WorkloadSecurityParametersCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "workload-security-parameters"
    static let summary =
        "In every targeted account and deployment region, the four agent parameters equal what Workload Security "
        + "issues now (the tenant id and token are never shown)."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ssm:GetParameters", in: .member),
    ]

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        guard case .ready(let api, let region) = try await context.workloadSecurity.api() else {
            return [rule.result(.skip, WorkloadSecurityOptions.howToEnable)]
        }
        let activation: AgentActivation
        switch try await context.workloadSecurity.agentActivation(api) {
        case .success(let issued): activation = issued
        case .failure(let error): throw WorkloadSecurityStore.auditError(error, region: region)
        }
        let expected: [(name: String, value: String, secret: Bool)] = [
            ("dsActivationUrl", activation.activationURL, false), ("dsManagerUrl", activation.managerURL, false),
            ("dsTenantId", activation.tenantID, true), ("dsToken", activation.token, true),
        ]
        let accounts = try await context.targetedAccounts()
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .deployment) {
            account, region throws(AuditError) in
            let found = try await context.inventory.deploymentParameters(in: AccountRegion(account.id, region)).parameters ?? []
            var results: [CheckResult] = []
            for parameter in expected {
                guard let actual = found.first(where: { $0.name == parameter.name }) else {
                    results.append(rule.finding(
                        "SSM parameter \(parameter.name) is missing", account: account.id, region: region, resource: parameter.name))
                    continue
                }
                if actual.type == "SecureString" {
                    throw AuditError(
                        message: "SSM parameter \(parameter.name) is a SecureString, which Preflight reads without decryption: "
                            + "its value cannot be compared")
                }
                guard actual.value != parameter.value else { continue }
                let shown = parameter.secret ? "" : " ('\(actual.value ?? "")', the manager issues '\(parameter.value)')"
                results.append(rule.finding(
                    "SSM parameter \(parameter.name) differs from the manager's current value\(shown): agents installed "
                        + "here cannot activate", account: account.id, region: region, resource: parameter.name))
            }
            if results.isEmpty {
                results.append(rule.result(
                    .pass, "the four parameters equal the manager's current values", account: account.id, region: region))
            }
            return results
        }
    }
}
