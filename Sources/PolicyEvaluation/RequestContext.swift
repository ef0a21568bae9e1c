/// The request being decided: what is done, on what, by whom, and the condition keys AWS would supply.
public struct RequestContext: Sendable, Equatable {
    /// `service:Action`, e.g. `ssm:PutParameter`.
    public var action: String
    /// An ARN, or `*` for actions without a resource.
    public var resource: String
    /// The value of `aws:PrincipalArn` (for a role session, the role's ARN); also gives `aws:PrincipalAccount`.
    public var principalArn: String?
    /// Condition keys (any case) and their values; a key not listed is absent from the request.
    public var keys: [String: [String]]
    /// Keys whose value the caller cannot know (any case; a trailing `*` covers a prefix such as
    /// `aws:PrincipalTag/*`): a condition or a policy variable on one is `unknown`.
    public var unknownKeys: Set<String>

    public init(
        action: String, resource: String = "*", principalArn: String? = nil, keys: [String: [String]] = [:],
        unknownKeys: Set<String> = []
    ) {
        self.action = action
        self.resource = resource
        self.principalArn = principalArn
        self.keys = keys
        self.unknownKeys = unknownKeys
    }
}
