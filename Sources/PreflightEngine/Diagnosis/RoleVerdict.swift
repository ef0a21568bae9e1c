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
