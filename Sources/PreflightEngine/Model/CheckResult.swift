/// One verdict of one rule about one subject (the organization, an account, a region, an action, an instance).
public struct CheckResult: Sendable, Equatable, Codable {
    public var ruleId: String
    public var title: String
    public var status: CheckStatus
    public var severity: Severity
    public var accountId: String?
    public var region: String?
    public var resource: String?
    public var message: String
    public var evidence: [String: JSONValue]
    public var remediation: String?

    public init(
        ruleId: String, title: String, status: CheckStatus, severity: Severity, accountId: String? = nil,
        region: String? = nil, resource: String? = nil, message: String, evidence: [String: JSONValue] = [:],
        remediation: String? = nil
    ) {
        self.ruleId = ruleId
        self.title = title
        self.status = status
        self.severity = severity
        self.accountId = accountId
        self.region = region
        self.resource = resource
        self.message = message
        self.evidence = evidence
        self.remediation = remediation
    }
}
