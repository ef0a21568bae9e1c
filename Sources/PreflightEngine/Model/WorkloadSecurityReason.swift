/// Why Workload Security does not protect an instance; when several apply, the first in declaration order is reported.
public enum WorkloadSecurityReason: String, Sendable, Codable, CaseIterable {
    /// No computer has the instance's id, or its agent never activated (no fingerprint).
    case agentNotActivated = "agent-not-activated"
    /// The agent reports `error`.
    case agentError = "agent-error"
    /// The agent is `inactive`, or its last communication is older than `--agent-stale`.
    case agentOffline = "agent-offline"
    /// The computer has no policy: the agent runs and protects nothing.
    case noPolicy = "no-policy"
}
