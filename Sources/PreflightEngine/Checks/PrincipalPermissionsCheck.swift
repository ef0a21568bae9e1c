import AWSCore

/// `principal-permissions`: the deployer can perform every action the deployment needs, by `SimulatePrincipalPolicy`
/// batched over all actions (used by `deployer-permissions` and `deployer-permissions-template`).
struct PrincipalPermissionsCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        var actions: [String]
        /// Resource ARN templates by action; actions not listed are simulated on `*`.
        var resources: [String: String]?
    }

    static let name = "principal-permissions"
    static let summary =
        "The deployer's permissions, every action of the rule in one batched SimulatePrincipalPolicy per "
        + "resource, with SCPs and permissions boundaries."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("iam:SimulatePrincipalPolicy", in: .management),
        AuditorPermission("iam:GetRole", in: .management),
    ]
    let configuration: Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    var requiredPermissions: [Permission] {
        configuration.actions.map { Permission(action: $0, resource: configuration.resources?[$0] ?? "*") }
    }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let principal = try await context.principals.deployerArn()
        let arn = ARN(principal)
        let partition: String
        if let arn {
            partition = arn.partition
        } else {
            partition = try await context.principals.caller().partition
        }
        let placeholders = Placeholders(
            partition: partition, account: arn?.account, region: context.options.homeRegion,
            parameters: await context.stacks.effectiveParameters())
        let requested = configuration.actions.map { action in
            (action: action, resource: configuration.resources?[action].map { placeholders.substitute($0).text } ?? "*")
        }
        var results: [CheckResult] = []
        let groups = Dictionary(grouping: requested, by: \.resource).sorted { $0.key < $1.key }
        for (resource, group) in groups {
            do throws(AuditError) {
                let evaluations = try await context.principals.simulate(
                    principal: principal, actions: group.map(\.action), resources: resource == "*" ? [] : [resource])
                let normalized = evaluations.map { evaluation in
                    var copy = evaluation
                    if resource == "*" { copy.evalResourceName = nil }
                    return copy
                }
                results += PermissionEvidence.results(rule: rule, principal: principal, evaluations: normalized, requested: group)
            } catch {
                results += group.map { rule.error(error, resource: $0.action) }
            }
        }
        return results
    }
}
