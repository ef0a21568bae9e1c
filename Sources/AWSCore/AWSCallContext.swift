/// Whose credentials sign a call and in which region it runs.
public struct AWSCallContext: Sendable {
    public var region: String
    /// `nil` sends the request unsigned (only `AssumeRoleWithWebIdentity` needs that).
    public var credentials: (any CredentialProvider)?
    /// Groups calls for client-side rate limiting, typically `accountId/region`; defaults to the region.
    public var rateLimitKey: String

    public init(region: String, credentials: (any CredentialProvider)?, rateLimitKey: String? = nil) {
        self.region = region
        self.credentials = credentials
        self.rateLimitKey = rateLimitKey ?? region
    }
}
