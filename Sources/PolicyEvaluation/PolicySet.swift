/// Every policy that takes part in deciding one request.
public struct PolicySet: Sendable, Equatable {
    public var identity: [NamedPolicy] = []
    public var permissionsBoundary: NamedPolicy?
    public var session: [NamedPolicy] = []
    public var resourcePolicy: NamedPolicy?
    /// A KMS key policy: no access without it. It grants by naming the principal, or by naming the account (IAM
    /// delegation) when an identity policy allows too; identity policies alone grant nothing.
    public var resourcePolicyIsKeyPolicy = false
    /// The resource is in another account than the principal: its resource policy and an identity policy must
    /// both allow.
    public var resourceInOtherAccount = false
    /// Root first, then each OU, then the account; empty = exempt (the management account).
    public var scpLevels: [[NamedPolicy]] = []
    /// Root first, then each OU, then the resource's account; empty = none apply.
    public var rcpLevels: [[NamedPolicy]] = []

    public init(
        identity: [NamedPolicy] = [], permissionsBoundary: NamedPolicy? = nil, session: [NamedPolicy] = [],
        resourcePolicy: NamedPolicy? = nil, resourcePolicyIsKeyPolicy: Bool = false,
        resourceInOtherAccount: Bool = false, scpLevels: [[NamedPolicy]] = [], rcpLevels: [[NamedPolicy]] = []
    ) {
        self.identity = identity
        self.permissionsBoundary = permissionsBoundary
        self.session = session
        self.resourcePolicy = resourcePolicy
        self.resourcePolicyIsKeyPolicy = resourcePolicyIsKeyPolicy
        self.resourceInOtherAccount = resourceInOtherAccount
        self.scpLevels = scpLevels
        self.rcpLevels = rcpLevels
    }
}
