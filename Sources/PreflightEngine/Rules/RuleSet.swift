/// The rules of a rules directory and the deployment model they check against.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    public var deployment: DeploymentModel

    public init(rules: [Rule], deployment: DeploymentModel) {
        self.rules = rules
        self.deployment = deployment
    }

    /// The rule with `id`.
    public func rule(id: String) -> Rule? {
        rules.first { $0.id == id }
    }
}
