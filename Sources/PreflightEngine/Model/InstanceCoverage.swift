/// The coverage verdict for one running instance.
public struct InstanceCoverage: Sendable, Equatable, Codable {
    public var accountId: String
    /// The account's name in the organization, nil when unknown.
    public var accountName: String?
    /// The account's OU names joined by `/`, empty for an account attached to the root; nil when unknown.
    public var ouPath: String?
    public var region: String
    public var instanceId: String
    public var verdict: CoverageVerdict
    public var reason: CoverageReason?

    public init(
        accountId: String, region: String, instanceId: String, verdict: CoverageVerdict, reason: CoverageReason?,
        accountName: String? = nil, ouPath: String? = nil
    ) {
        self.accountId = accountId
        self.accountName = accountName
        self.ouPath = ouPath
        self.region = region
        self.instanceId = instanceId
        self.verdict = verdict
        self.reason = reason
    }
}
