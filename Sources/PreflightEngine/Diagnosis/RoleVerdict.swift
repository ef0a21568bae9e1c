import AWSServices
import Foundation

/// Whether a role may perform what the SSM agent needs, by the simulator, with SCPs and permissions boundaries.
struct RoleVerdict: Sendable, Equatable {
    /// An action the role may not perform, and what denies it (`scp`, `permissions-boundary`, `explicit-deny`; empty
    /// when no policy allows it).
    struct Denial: Sendable, Equatable {
        var action: String
        var deniedBy: [String]
    }

    var roleArn: String
    var denials: [Denial]

    /// The actions the agent calls (AmazonSSMManagedInstanceCore's core).
    static let agentActions = [
        "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel", "ec2messages:GetMessages",
        "ec2messages:AcknowledgeMessage", "ec2messages:SendReply",
    ]
}

extension RoleVerdict {
    /// The verdict from the simulator's answers for `agentActions`: an action without an answer is an error.
    init(role: String, evaluations: [IAM.EvaluationResult]) throws(AuditError) {
        var denials: [Denial] = []
        for action in Self.agentActions {
            guard let evaluation = evaluations.first(where: { $0.evalActionName.caseInsensitiveCompare(action) == .orderedSame })
            else { throw AuditError(message: "the simulator returned no decision for \(action) of \(role)") }
            guard evaluation.evalDecision != "allowed" else { continue }
            denials.append(Denial(action: action, deniedBy: evaluation.deniedBy))
        }
        self.init(roleArn: role, denials: denials)
    }
}
