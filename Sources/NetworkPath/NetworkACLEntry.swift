/// One IPv4 entry of a network ACL.
public struct NetworkACLEntry: Sendable, Hashable {
    public var ruleNumber: Int
    public var isEgress: Bool
    public var ipProtocol: IPProtocol
    /// The port range; nil for every port.
    public var ports: ClosedRange<Int>?
    public var cidr: IPv4Block
    public var allows: Bool

    public init(
        ruleNumber: Int, isEgress: Bool, ipProtocol: IPProtocol, ports: ClosedRange<Int>? = nil, cidr: IPv4Block,
        allows: Bool
    ) {
        self.ruleNumber = ruleNumber
        self.isEgress = isEgress
        self.ipProtocol = ipProtocol
        self.ports = ports
        self.cidr = cidr
        self.allows = allows
    }
}
