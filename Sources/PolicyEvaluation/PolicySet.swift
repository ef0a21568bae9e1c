/// Every policy that takes part in deciding one request.
public struct PolicySet: Sendable, Equatable {
    public var identity: [NamedPolicy] = []
    public var permissionsBoundary: NamedPolicy?
    public var session: [NamedPolicy] = []
    public var resourcePolicy: NamedPolicy?
    /// Root first, then each OU, then the account; empty = exempt (the management account).
    public var scpLevels: [[NamedPolicy]] = []
    /// Root first, then each OU, then the resource's account; empty = none apply.
    public var rcpLevels: [[NamedPolicy]] = []

    public init(
        identity: [NamedPolicy] = [], permissionsBoundary: NamedPolicy? = nil, session: [NamedPolicy] = [],
        resourcePolicy: NamedPolicy? = nil, scpLevels: [[NamedPolicy]] = [], rcpLevels: [[NamedPolicy]] = []
    ) {
        self.identity = identity
        self.permissionsBoundary = permissionsBoundary
        self.session = session
        self.resourcePolicy = resourcePolicy
        self.scpLevels = scpLevels
        self.rcpLevels = rcpLevels
    }
}
