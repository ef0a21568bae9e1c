/// A network ACL: stateless, evaluated entry by entry in rule-number order, the first match deciding; traffic no
/// entry matches is denied.
public struct NetworkACL: Sendable, Hashable {
    public var id: String
    public var vpcId: String
    /// Whether this is the VPC's default ACL, which a subnet without an association of its own uses.
    public var isDefault: Bool
    public var subnetIds: Set<String>
    public var entries: [NetworkACLEntry]

    public init(id: String, vpcId: String, isDefault: Bool, subnetIds: Set<String> = [], entries: [NetworkACLEntry]) {
        self.id = id
        self.vpcId = vpcId
        self.isDefault = isDefault
        self.subnetIds = subnetIds
        self.entries = entries
    }

    /// Whether TCP on every port of `ports`, in the direction `egress`, with every address of `peer`, is allowed.
    ///
    /// An entry decides for the ports it covers when its block contains `peer` (an entry that covers only part of
    /// `peer` is passed over); ports left undecided after the last entry are denied.
    public func allowsTCP(_ ports: ClosedRange<Int>, egress: Bool, peer: IPv4Block) -> Bool {
        var undecided = [ports]
        for entry in entries.sorted(by: { $0.ruleNumber < $1.ruleNumber })
        where entry.isEgress == egress && entry.cidr.contains(peer) {
            let covered: ClosedRange<Int>
            switch entry.ipProtocol {
            case .all: covered = ports
            case .tcp: covered = entry.ports ?? ports
            case .other: continue
            }
            var remaining: [ClosedRange<Int>] = []
            for range in undecided {
                guard range.overlaps(covered) else {
                    remaining.append(range)
                    continue
                }
                if !entry.allows { return false }
                if range.lowerBound < covered.lowerBound { remaining.append(range.lowerBound...(covered.lowerBound - 1)) }
                if range.upperBound > covered.upperBound { remaining.append((covered.upperBound + 1)...range.upperBound) }
            }
            undecided = remaining
            if undecided.isEmpty { return true }
        }
        return false
    }
}
