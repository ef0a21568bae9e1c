/// The three services an SSM agent talks to, each through an interface endpoint or over the internet.
public enum SystemsManagerService: String, Sendable, Hashable, CaseIterable, Comparable {
    case ssm
    case ssmmessages
    case ec2messages

    /// The service's endpoint service name in `region`, e.g. `com.amazonaws.us-east-1.ssm`.
    public func endpointServiceName(in region: String) -> String {
        "com.amazonaws.\(region).\(rawValue)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
