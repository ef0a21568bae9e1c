import CloudOne
import Foundation

/// Whether Workload Security protects an instance, and the computer that says so. `unknown` when no key was given
/// or the manager could not be read.
public struct WorkloadSecurityCoverage: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case protected, unprotected, unknown
    }

    public var status: Status
    /// Nil when protected or unknown.
    public var reason: WorkloadSecurityReason?
    /// The manager's record of the instance, shared with the run's computer listing; nil when it has none.
    public var computer: CloudOneComputer?

    public init(status: Status, reason: WorkloadSecurityReason? = nil, computer: CloudOneComputer? = nil) {
        self.status = status
        self.reason = reason
        self.computer = computer
    }

    public static let unknown = WorkloadSecurityCoverage(status: .unknown)

    /// The verdict on an instance whose computer is `computer` (nil: none), at `now`, an agent silent for longer
    /// than `stale` being offline. A `warning` agent is protected.
    public static func judge(_ computer: CloudOneComputer?, now: Date, stale: Duration) -> WorkloadSecurityCoverage {
        guard let computer, computer.isActivated else {
            return WorkloadSecurityCoverage(status: .unprotected, reason: .agentNotActivated, computer: computer)
        }
        let reason: WorkloadSecurityReason?
        let silentSince = computer.lastCommunication.map { now.timeIntervalSince($0) }
        if computer.agentStatus == "error" {
            reason = .agentError
        } else if computer.agentStatus == "inactive" || silentSince.map({ $0 > stale.seconds }) ?? true {
            reason = .agentOffline
        } else if computer.policyID == nil || computer.policyID == 0 {
            reason = .noPolicy
        } else {
            reason = nil
        }
        return WorkloadSecurityCoverage(status: reason == nil ? .protected : .unprotected, reason: reason, computer: computer)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.computer?.id == rhs.computer?.id
            && lhs.computer?.agentStatus == rhs.computer?.agentStatus
            && lhs.computer?.lastAgentCommunication == rhs.computer?.lastAgentCommunication
    }
}

extension WorkloadSecurityCoverage: Codable {
    private enum CodingKeys: String, CodingKey {
        case status, reason, computerId, agentStatus, lastCommunication
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(Status.self, forKey: .status)
        reason = try container.decodeIfPresent(WorkloadSecurityReason.self, forKey: .reason)
        computer = try container.decodeIfPresent(Int.self, forKey: .computerId).map { id in
            CloudOneComputer(
                id: id, isActivated: status == .protected || (reason != nil && reason != .agentNotActivated),
                policyID: nil,
                lastAgentCommunication: try container.decodeIfPresent(Date.self, forKey: .lastCommunication)
                    .map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) },
                agentStatus: try container.decodeIfPresent(String.self, forKey: .agentStatus), instanceID: nil,
                accountID: nil)
        }
    }

    /// Every key, null when absent, so that readers need not test for them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(computer?.id, forKey: .computerId)
        try container.encode(computer?.agentStatus, forKey: .agentStatus)
        try container.encode(computer?.lastCommunication, forKey: .lastCommunication)
    }
}
