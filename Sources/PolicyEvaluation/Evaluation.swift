/// A decision with the statements that led to it.
public struct Evaluation: Sendable, Equatable {
    public var decision: Decision
    /// Every matching Deny, in the order the policies were given.
    public var denyingStatements: [MatchedStatement]
    /// Every matching Allow, in the order the policies were given.
    public var allowingStatements: [MatchedStatement]
    /// For SCPs/RCPs: the first level (0 = root) at which no policy allowed, when that is why it is denied.
    public var notAllowedAtLevel: Int?

    public init(
        decision: Decision, denyingStatements: [MatchedStatement] = [], allowingStatements: [MatchedStatement] = [],
        notAllowedAtLevel: Int? = nil
    ) {
        self.decision = decision
        self.denyingStatements = denyingStatements
        self.allowingStatements = allowingStatements
        self.notAllowedAtLevel = notAllowedAtLevel
    }
}
