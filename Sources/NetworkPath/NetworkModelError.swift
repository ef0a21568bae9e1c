/// The network model lacks something an instance's path goes through: the answer would be a guess.
public struct NetworkModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is missing, e.g. `subnet subnet-0abc` or `the main route table of vpc-0abc`.
    public var missing: String

    public init(missing: String) {
        self.missing = missing
    }

    public var description: String { "the network model has no \(missing)" }
}
