/// Why Systems Manager does not manage an instance, or lost it: every cause that applies is listed, in this order,
/// and the first is the reason.
public enum DiagnosisCause: String, Sendable, Codable, CaseIterable, Comparable {
    case noInstanceProfile = "no-instance-profile"
    case instanceRoleLacksSSMPermissions = "instance-role-lacks-ssm-permissions"
    case imdsDisabled = "imds-disabled"
    case noNetworkPath = "no-network-path"
    case securityGroupBlocksHTTPS = "security-group-blocks-https"
    case networkACLBlocksHTTPS = "network-acl-blocks-https"
    case vpcDNSDisabled = "vpc-dns-disabled"
    case agentOutdated = "agent-outdated"
    case unknown

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// What the cause means, for `rules explain` and the reports' headings.
    public var summary: String {
        switch self {
        case .noInstanceProfile:
            "no instance profile is attached and Default Host Management Configuration is not set up"
        case .instanceRoleLacksSSMPermissions:
            "the instance's role (or Default Host Management Configuration's) cannot perform what the SSM agent needs"
        case .imdsDisabled: "the instance metadata service is disabled: the agent cannot get its identity"
        case .noNetworkPath:
            "no route to Systems Manager: no usable default route and no ssm, ssmmessages, ec2messages endpoints"
        case .securityGroupBlocksHTTPS: "the security groups do not allow HTTPS (TCP 443) to Systems Manager"
        case .networkACLBlocksHTTPS: "the subnet's network ACL denies TCP 443 out or the replies on 1024-65535 in"
        case .vpcDNSDisabled: "the VPC's DNS support (or, for endpoints, DNS hostnames) is off"
        case .agentOutdated: "the SSM agent is older than 3.2.582.0, which Default Host Management Configuration needs"
        case .unknown: "none of the above: the SSM agent is probably not installed or not running"
        }
    }
}
