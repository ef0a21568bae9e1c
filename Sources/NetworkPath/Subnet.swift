/// A VPC subnet.
public struct Subnet: Sendable, Hashable {
    public var id: String
    public var vpcId: String
    public var cidr: IPv4Block

    public init(id: String, vpcId: String, cidr: IPv4Block) {
        self.id = id
        self.vpcId = vpcId
        self.cidr = cidr
    }
}
