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

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let principal: String
        switch await context.deployerArn() {
        case .failure(let error): return [rule.error(error)]
        case .success(let arn): principal = arn
        }
        let account = principal.split(separator: ":").dropFirst(4).first.map(String.init)
        let parameters = await context.effectiveParameters()
        let requested = configuration.actions.map { action in
            (action: action, resource: configuration.resources?[action].map {
                context.substitute($0, account: account, parameters: parameters).text
            } ?? "*")
        }
        var results: [CheckResult] = []
        let groups = Dictionary(grouping: requested, by: \.resource).sorted { $0.key < $1.key }
        for (resource, group) in groups {
            switch await context.simulate(principal: principal, actions: group.map(\.action), resources: resource == "*" ? [] : [resource]) {
            case .failure(let error):
                results += group.map { rule.error(error, resource: $0.action) }
            case .success(let evaluations):
                let normalized = evaluations.map { evaluation in
                    var copy = evaluation
                    if resource == "*" { copy.evalResourceName = nil }
                    return copy
                }
                results += PermissionEvidence.results(rule: rule, principal: principal, evaluations: normalized, requested: group)
            }
        }
        return results
    }
}
