/// Where an instance sits in its VPC: what the network model needs of it.
public struct InstanceNetwork: Sendable, Hashable {
    public var subnetId: String
    public var privateAddress: IPv4Block?
    /// Whether the instance has a public IPv4 address (its own or an Elastic IP): needed behind an internet gateway.
    public var hasPublicAddress: Bool
    public var securityGroupIds: [String]

    public init(subnetId: String, privateAddress: IPv4Block?, hasPublicAddress: Bool, securityGroupIds: [String]) {
        self.subnetId = subnetId
        self.privateAddress = privateAddress
        self.hasPublicAddress = hasPublicAddress
        self.securityGroupIds = securityGroupIds
    }
}
