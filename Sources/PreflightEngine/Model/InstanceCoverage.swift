/// The coverage verdict for one running instance.
public struct InstanceCoverage: Sendable, Equatable, Codable {
    public var accountId: String
    public var region: String
    public var instanceId: String
    public var verdict: CoverageVerdict
    public var reason: CoverageReason?

    public init(accountId: String, region: String, instanceId: String, verdict: CoverageVerdict, reason: CoverageReason?) {
        self.accountId = accountId
        self.region = region
        self.instanceId = instanceId
        self.verdict = verdict
        self.reason = reason
    }
}
