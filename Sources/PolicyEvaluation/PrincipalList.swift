/// The value of `Principal`/`NotPrincipal`: `"*"`, or identifiers by kind (`AWS`, `Service`, `Federated`,
/// `CanonicalUser`).
public struct PrincipalList: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case aws = "AWS"
        case service = "Service"
        case federated = "Federated"
        case canonicalUser = "CanonicalUser"
    }

    /// `true` for `"*"` (or `{"AWS": "*"}`): every principal, anonymous ones included.
    public var everyone: Bool
    public var identifiers: [Kind: [String]]
    public var negated: Bool

    public init(everyone: Bool = false, identifiers: [Kind: [String]] = [:], negated: Bool = false) {
        self.everyone = everyone
        self.identifiers = identifiers
        self.negated = negated
    }
}
