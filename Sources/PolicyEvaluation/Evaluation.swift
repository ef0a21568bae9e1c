/// A decision with the statements that led to it.
public struct Evaluation: Sendable, Equatable {
    public var decision: Decision
    /// Every matching Deny, in the order the policies were given.
    public var denyingStatements: [MatchedStatement]
    /// Every matching Allow, in the order the policies were given.
    public var allowingStatements: [MatchedStatement]
    /// For SCPs/RCPs: the first level (0 = root) at which no policy allowed, when that is why it is denied.
    public var notAllowedAtLevel: Int?
    /// For an implicit deny: every requirement that surely failed, in evaluation order.
    public var unmet: [Requirement]

    public init(
        decision: Decision, denyingStatements: [MatchedStatement] = [], allowingStatements: [MatchedStatement] = [],
        notAllowedAtLevel: Int? = nil, unmet: [Requirement] = []
    ) {
        self.decision = decision
        self.denyingStatements = denyingStatements
        self.allowingStatements = allowingStatements
        self.notAllowedAtLevel = notAllowedAtLevel
        self.unmet = unmet
    }
}
