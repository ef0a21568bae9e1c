import CloudOne
import Foundation

/// `workload-security-api`: the Cloud One API key works in its region as the deployment's Lambda will use it: accepted,
/// active, not about to expire, able to create deployment scripts that hold all four values; and agents may activate
/// themselves.
struct WorkloadSecurityAPICheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// A key expiring within this many days is a warning.
        var expiryWarningDays: Int
        /// Values of `platformSettingAgentInitiatedActivationEnabled` that let any agent activate itself.
        var activationAllowed: [String]
        /// Values that let no agent activate itself.
        var activationDenied: [String]
    }

    static let name = "workload-security-api"
    static let summary =
        "The Cloud One API key is accepted in its region, active and not about to expire, can create the deployment "
        + "script the Lambda reads, and agents may activate themselves."
    static let auditorPermissions: [AuditorPermission] = []
    let configuration: Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        guard case .ready(let api, let region) = try await context.workloadSecurity.api() else {
            return [rule.result(.skip, WorkloadSecurityOptions.howToEnable)]
        }
        let store = context.workloadSecurity
        let evidence: [String: JSONValue] = ["cloudOneRegion": .string(region.rawValue)]
        switch try await store.currentKey(api) {
        case .failure(let error) where error.kind == .rejected:
            return [rule.finding(
                "the Cloud One API key is not accepted by region \(region) (HTTP \(error.statusCode ?? 0), \(error.message)): "
                    + "a key of another region or a revoked key is the usual cause", resource: "api-key", evidence: evidence)]
        case .failure(let error):
            throw WorkloadSecurityStore.auditError(error, region: region)
        case .success(let key):
            var results = [keyResult(key, rule: rule, now: context.options.now, evidence: evidence)]
            results.append(try await scriptResult(
                store.agentActivation(api), rule: rule, region: region, evidence: evidence,
                patterns: context.options.deployment.parameters))
            results.append(try await activationResult(store.activationSetting(api), rule: rule, region: region, evidence: evidence))
            return results
        }
    }

    private func keyResult(_ key: APIKeyDescription, rule: Rule, now: Date, evidence: [String: JSONValue]) -> CheckResult {
        var evidence = evidence
        evidence["keyId"] = .number(Double(key.id))
        if let role = key.roleID { evidence["roleId"] = .number(Double(role)) }
        if let expiry = key.expiry { evidence["expiryDate"] = .string(expiry.formatted(.iso8601)) }
        guard key.active else {
            return rule.finding("the Cloud One API key \(key.id) is inactive", resource: "api-key", evidence: evidence)
        }
        guard let expiry = key.expiry else {
            return rule.result(.pass, "the Cloud One API key \(key.id) is active and does not expire", resource: "api-key", evidence: evidence)
        }
        let days = expiry.timeIntervalSince(now) / 86_400
        if days <= 0 {
            return rule.finding("the Cloud One API key \(key.id) expired on \(expiry.formatted(.iso8601))", resource: "api-key", evidence: evidence)
        }
        if days < Double(configuration.expiryWarningDays) {
            return rule.result(
                .warn, "the Cloud One API key \(key.id) expires in \(Int(days.rounded(.up))) day(s), on \(expiry.formatted(.iso8601))",
                resource: "api-key", evidence: evidence,
                remediation: "Create a new API key, store it in the deployment's secret, and update the stack before it expires.")
        }
        return rule.result(.pass, "the Cloud One API key \(key.id) is active until \(expiry.formatted(.iso8601))", resource: "api-key", evidence: evidence)
    }

    private func scriptResult(
        _ answer: Result<AgentActivation, CloudOneError>, rule: Rule, region: CloudOneRegion, evidence: [String: JSONValue],
        patterns: [DeploymentModel.Parameter]
    ) throws(AuditError) -> CheckResult {
        switch answer {
        case .success(let activation):
            var evidence = evidence
            evidence["activationUrl"] = .string(activation.activationURL)
            evidence["managerUrl"] = .string(activation.managerURL)
            // The StackSet passes the four values as parameters: a value its template's AllowedPattern rejects
            // fails every stack instance.
            let values = [
                ("dsActivationUrl", activation.activationURL), ("dsManagerUrl", activation.managerURL),
                ("dsTenantId", activation.tenantID), ("dsToken", activation.token),
            ]
            let rejected = values.compactMap { name, value -> String? in
                guard let parameter = patterns.first(where: { $0.name == name }),
                    value.range(of: parameter.pattern, options: .regularExpression) == nil
                else { return nil }
                return parameter.isSecret ? "\(name) (its value, not shown)" : "\(name) '\(value)'"
            }
            if !rejected.isEmpty {
                evidence["rejectedParameters"] = .array(rejected.map { .string($0) })
                return rule.finding(
                    "the deployment script's values do not satisfy the StackSet template's AllowedPattern for "
                        + rejected.joined(separator: ", ") + ": every stack instance would fail to create",
                    resource: "deployment-script", evidence: evidence,
                    remediation: "Deploy with a template whose dsActivationUrl and dsManagerUrl patterns accept the "
                        + "manager's URLs (regional Cloud One hosts such as workload.<region>.cloudone.trendmicro.com).")
            }
            return rule.result(
                .pass, "the key creates deployment scripts holding ACTIVATIONURL, MANAGERURL, tenantID and token",
                resource: "deployment-script", evidence: evidence)
        case .failure(let error) where error.kind == .rejected:
            return rule.finding(
                "the key may not create deployment scripts (HTTP \(error.statusCode ?? 0)): the Lambda's own call will fail "
                    + "and the stack will roll back; give the key's role the right to create them",
                resource: "deployment-script", evidence: evidence)
        case .failure(let error) where error.kind == .malformedResponse && error.operation == .generateAgentDeploymentScript:
            return rule.finding(
                "the deployment script is not what the Lambda reads: \(error.message)", resource: "deployment-script",
                evidence: evidence)
        case .failure(let error):
            throw WorkloadSecurityStore.auditError(error, region: region)
        }
    }

    private func activationResult(
        _ answer: Result<String, CloudOneError>, rule: Rule, region: CloudOneRegion, evidence: [String: JSONValue]
    ) throws(AuditError) -> CheckResult {
        let value: String
        switch answer {
        case .success(let setting): value = setting
        case .failure(let error): throw WorkloadSecurityStore.auditError(error, region: region)
        }
        var evidence = evidence
        evidence["agentInitiatedActivation"] = .string(value)
        let resource = "agent-initiated-activation"
        if configuration.activationAllowed.contains(value) {
            return rule.result(.pass, "agents may activate themselves (\(value))", resource: resource, evidence: evidence)
        }
        if configuration.activationDenied.contains(value) {
            return rule.finding(
                "agent-initiated activation is off (\(value)): the association will install agents that never activate",
                resource: resource, evidence: evidence,
                remediation: "In Workload Security, allow agent-initiated activation for any computers.")
        }
        return rule.result(
            .warn, "agent-initiated activation is restricted (\(value)): agents outside the allowed computers never activate",
            resource: resource, evidence: evidence)
    }
}
