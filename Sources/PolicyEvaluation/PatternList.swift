/// The values of `Action`/`NotAction` or `Resource`/`NotResource`: a statement applies to what they match, or,
/// when `negated` (the `Not…` form), to everything they do not match.
public struct PatternList: Sendable, Equatable {
    public var patterns: [String]
    public var negated: Bool

    public init(patterns: [String], negated: Bool = false) {
        self.patterns = patterns
        self.negated = negated
    }
}
