/// One IPv4 rule of a security group, in one direction: the protocol and ports it admits, and the peers it names
/// (CIDR blocks, security groups, prefix lists).
public struct SecurityGroupRule: Sendable, Hashable {
    public var ipProtocol: IPProtocol
    /// The port range; nil for every port (protocol `-1`).
    public var ports: ClosedRange<Int>?
    public var cidrs: [IPv4Block]
    public var groupIds: [String]
    public var prefixListIds: [String]

    public init(
        ipProtocol: IPProtocol, ports: ClosedRange<Int>? = nil, cidrs: [IPv4Block] = [], groupIds: [String] = [],
        prefixListIds: [String] = []
    ) {
        self.ipProtocol = ipProtocol
        self.ports = ports
        self.cidrs = cidrs
        self.groupIds = groupIds
        self.prefixListIds = prefixListIds
    }

    /// Whether the rule admits TCP 443 with `peer`.
    func admitsHTTPS(with peer: Peer) -> Bool {
        guard ipProtocol.carriesTCP(443...443, within: ports) else { return false }
        switch peer {
        case .internet:
            return cidrs.contains(.everywhere) || !prefixListIds.isEmpty
        case .addresses(let block, let groups):
            return cidrs.contains { $0.contains(block) } || !groups.isDisjoint(with: groupIds)
        }
    }

    /// The other end of a connection, as a security-group rule can name it.
    enum Peer {
        /// A public address of an AWS service: a rule for `0.0.0.0/0`, or for a prefix list (taken to be the
        /// region's), admits it.
        case internet
        /// Addresses inside `block`, of network interfaces in `groups`.
        case addresses(IPv4Block, groups: Set<String>)
    }
}
