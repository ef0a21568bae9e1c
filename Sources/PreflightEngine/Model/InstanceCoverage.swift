/// The coverage verdict for one running instance.
///
/// The account's id, name and OU path sit in one `Account` that every instance of the account shares: a run holds
/// hundreds of thousands of instances, and three strings each would be most of its memory.
public struct InstanceCoverage: Sendable, Equatable, Codable {
    /// An account as its instances name it; shared, never mutated.
    public final class Account: Sendable, Equatable {
        public let id: String
        /// The account's name in the organization, nil when unknown.
        public let name: String?
        /// The account's OU names joined by `/`, empty for an account attached to the root; nil when unknown.
        public let ouPath: String?

        public init(id: String, name: String? = nil, ouPath: String? = nil) {
            self.id = id
            self.name = name
            self.ouPath = ouPath
        }

        public static func == (lhs: Account, rhs: Account) -> Bool {
            lhs === rhs || (lhs.id == rhs.id && lhs.name == rhs.name && lhs.ouPath == rhs.ouPath)
        }
    }

    public var account: Account
    public var region: String
    public var instanceId: String
    public var verdict: CoverageVerdict
    public var reason: CoverageReason?
    /// Whether Workload Security protects the instance, whatever the verdict.
    public var workloadSecurity: WorkloadSecurityCoverage
    /// Why Systems Manager does not manage the instance or lost it, the first being the reason; empty when it is
    /// managed and online (or the causes could not be read).
    public var causes: [DiagnosisCause] = []

    public init(
        account: Account, region: String, instanceId: String, verdict: CoverageVerdict, reason: CoverageReason?,
        workloadSecurity: WorkloadSecurityCoverage = .unknown
    ) {
        self.account = account
        self.region = region
        self.instanceId = instanceId
        self.verdict = verdict
        self.reason = reason
        self.workloadSecurity = workloadSecurity
    }

    public init(
        accountId: String, region: String, instanceId: String, verdict: CoverageVerdict, reason: CoverageReason?,
        accountName: String? = nil, ouPath: String? = nil
    ) {
        self.init(
            account: Account(id: accountId, name: accountName, ouPath: ouPath), region: region, instanceId: instanceId,
            verdict: verdict, reason: reason)
    }

    public var accountId: String { account.id }
    public var accountName: String? { account.name }
    public var ouPath: String? { account.ouPath }

    private enum CodingKeys: String, CodingKey {
        case accountId, accountName, ouPath, region, instanceId, verdict, reason, causes, workloadSecurity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            accountId: try container.decode(String.self, forKey: .accountId),
            region: try container.decode(String.self, forKey: .region),
            instanceId: try container.decode(String.self, forKey: .instanceId),
            verdict: try container.decode(CoverageVerdict.self, forKey: .verdict),
            reason: try container.decodeIfPresent(CoverageReason.self, forKey: .reason),
            accountName: try container.decodeIfPresent(String.self, forKey: .accountName),
            ouPath: try container.decodeIfPresent(String.self, forKey: .ouPath))
        workloadSecurity = try container.decodeIfPresent(WorkloadSecurityCoverage.self, forKey: .workloadSecurity) ?? .unknown
        causes = try container.decodeIfPresent([DiagnosisCause].self, forKey: .causes) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accountId, forKey: .accountId)
        try container.encodeIfPresent(accountName, forKey: .accountName)
        try container.encodeIfPresent(ouPath, forKey: .ouPath)
        try container.encode(region, forKey: .region)
        try container.encode(instanceId, forKey: .instanceId)
        try container.encode(verdict, forKey: .verdict)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(causes, forKey: .causes)
        try container.encode(workloadSecurity, forKey: .workloadSecurity)
    }
}
