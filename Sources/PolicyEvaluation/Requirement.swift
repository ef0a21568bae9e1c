/// A condition AWS requires for an allowed request besides the absence of an explicit Deny: which one an implicitly
/// denied request does not meet says where the missing Allow belongs.
public enum Requirement: Sendable, Equatable {
    /// Some SCP at this level (0 = root) must allow.
    case serviceControlPolicies(level: Int)
    /// Some RCP at this level (0 = root) must allow.
    case resourceControlPolicies(level: Int)
    /// The KMS key policy must allow: by naming the principal, or the account together with an identity Allow.
    case keyPolicy
    /// A resource policy naming the principal, or an identity policy, must allow (both across accounts).
    case grant
    /// The permissions boundary must allow.
    case permissionsBoundary
    /// Every session policy must allow.
    case sessionPolicies
}
