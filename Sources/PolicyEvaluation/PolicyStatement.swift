/// One statement of a policy document.
public struct PolicyStatement: Sendable, Equatable {
    public enum Effect: String, Sendable {
        case allow = "Allow"
        case deny = "Deny"
    }

    public var sid: String?
    public var effect: Effect
    /// `Action` or `NotAction`.
    public var actions: PatternList
    /// `Resource` or `NotResource`; `nil` when the statement has neither (it then covers every resource).
    public var resources: PatternList?
    /// `Principal` or `NotPrincipal`; `nil` when the statement has neither (identity policies, SCPs).
    public var principals: PrincipalList?
    /// Every clause of the `Condition` block; all of them must hold.
    public var conditions: [ConditionClause]

    public init(
        sid: String? = nil, effect: Effect, actions: PatternList, resources: PatternList? = nil,
        principals: PrincipalList? = nil, conditions: [ConditionClause] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.resources = resources
        self.principals = principals
        self.conditions = conditions
    }
}
