/// One verdict of one rule about one subject (the organization, an account, a region, an action, an instance).
public struct CheckResult: Sendable, Equatable, Codable {
    public var ruleId: String
    public var title: String
    public var status: CheckStatus
    public var severity: Severity
    public var accountId: String?
    /// The account's name in the organization; nil when the result has no account or it is not in the organization.
    public var accountName: String?
    /// The account's OU names joined by `/` (`Workloads/Prod`), empty for an account attached to the root.
    public var ouPath: String?
    public var region: String?
    public var resource: String?
    public var message: String
    public var evidence: [String: JSONValue]
    public var remediation: String?

    public init(
        ruleId: String, title: String, status: CheckStatus, severity: Severity, accountId: String? = nil,
        region: String? = nil, resource: String? = nil, message: String, evidence: [String: JSONValue] = [:],
        remediation: String? = nil, accountName: String? = nil, ouPath: String? = nil
    ) {
        self.ruleId = ruleId
        self.title = title
        self.status = status
        self.severity = severity
        self.accountId = accountId
        self.accountName = accountName
        self.ouPath = ouPath
        self.region = region
        self.resource = resource
        self.message = message
        self.evidence = evidence
        self.remediation = remediation
    }
}
