/// A security group: stateful, so an allowed connection's replies are allowed too.
public struct SecurityGroup: Sendable, Hashable {
    public var id: String
    public var vpcId: String
    public var ingress: [SecurityGroupRule]
    public var egress: [SecurityGroupRule]

    public init(id: String, vpcId: String, ingress: [SecurityGroupRule], egress: [SecurityGroupRule]) {
        self.id = id
        self.vpcId = vpcId
        self.ingress = ingress
        self.egress = egress
    }
}
