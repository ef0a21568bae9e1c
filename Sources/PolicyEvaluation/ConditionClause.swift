/// One test of a `Condition` block: an operator (as written, e.g. `ForAnyValue:StringLikeIfExists`) applied to
/// one key and its values (numbers and booleans kept as their JSON text).
public struct ConditionClause: Sendable, Equatable {
    public var operatorName: String
    public var key: String
    public var values: [String]

    public init(operatorName: String, key: String, values: [String]) {
        self.operatorName = operatorName
        self.key = key
        self.values = values
    }
}
