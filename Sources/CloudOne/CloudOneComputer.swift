import Foundation

/// A computer as the manager knows it, with what Preflight joins and judges: its EC2 instance, whether its agent
/// was ever activated, its status, policy and last communication. Shared, never mutated: a run holds one per
/// computer, and every coverage entry of its instance points to it.
public final class CloudOneComputer: Decodable, Sendable {
    public let id: Int
    /// False when `agentFingerPrint` is empty or absent: the agent never activated.
    public let isActivated: Bool
    public let policyID: Int?
    /// The agent's last communication, in milliseconds since 1970; nil when it never communicated.
    public let lastAgentCommunication: Int64?
    /// `active`, `warning`, `error`, `inactive`, … (nil when the manager gave none).
    public let agentStatus: String?
    /// The agent's status messages; empty for an `active` agent.
    public let agentStatusMessages: [String]
    /// The EC2 instance and account, nil for a computer that is not an EC2 instance.
    public let instanceID: String?
    public let accountID: String?
    /// The instance's AWS region, nil when the manager gave none.
    public let region: String?

    public init(
        id: Int, isActivated: Bool, policyID: Int?, lastAgentCommunication: Int64?, agentStatus: String?,
        agentStatusMessages: [String] = [], instanceID: String?, accountID: String?, region: String? = nil
    ) {
        self.id = id
        self.isActivated = isActivated
        self.policyID = policyID
        self.lastAgentCommunication = lastAgentCommunication
        self.agentStatus = agentStatus
        self.agentStatusMessages = agentStatusMessages
        self.instanceID = instanceID
        self.accountID = accountID
        self.region = region
    }

    /// `lastAgentCommunication` as a date.
    public var lastCommunication: Date? {
        lastAgentCommunication.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    private enum CodingKeys: String, CodingKey {
        case id = "ID", agentFingerPrint, policyID, lastAgentCommunication, computerStatus, ec2VirtualMachineSummary
    }

    private struct Status: Decodable {
        var agentStatus: String?
        var agentStatusMessages: [String]?
    }

    private struct EC2Summary: Decodable {
        var instanceID: String?
        var accountID: String?
        var region: String?
    }

    public required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        isActivated = !(try container.decodeIfPresent(String.self, forKey: .agentFingerPrint) ?? "").isEmpty
        policyID = try container.decodeIfPresent(Int.self, forKey: .policyID)
        lastAgentCommunication = try container.decodeIfPresent(Int64.self, forKey: .lastAgentCommunication)
        let status = try container.decodeIfPresent(Status.self, forKey: .computerStatus)
        agentStatus = status?.agentStatus
        // Kept only where they explain something: a run holds one computer per instance.
        agentStatusMessages = status?.agentStatus == "active" ? [] : status?.agentStatusMessages ?? []
        let summary = try container.decodeIfPresent(EC2Summary.self, forKey: .ec2VirtualMachineSummary)
        instanceID = summary?.instanceID.flatMap { $0.isEmpty ? nil : $0 }
        accountID = summary?.accountID.flatMap { $0.isEmpty ? nil : $0 }
        region = summary?.region.flatMap { $0.isEmpty ? nil : $0 }
    }
}
