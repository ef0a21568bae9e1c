/// An interface VPC endpoint (`vpce-…`) of the VPC.
public struct VPCEndpoint: Sendable, Hashable {
    public var id: String
    public var vpcId: String
    /// The service's name, e.g. `com.amazonaws.us-east-1.ssm`.
    public var serviceName: String
    public var privateDNS: Bool
    /// Whether the endpoint can carry traffic (`available`; `pending`, `deleting`, `failed`, `rejected` … cannot).
    public var isAvailable: Bool
    public var subnetIds: [String]
    public var groupIds: [String]

    public init(
        id: String, vpcId: String, serviceName: String, privateDNS: Bool, isAvailable: Bool = true,
        subnetIds: [String], groupIds: [String]
    ) {
        self.id = id
        self.vpcId = vpcId
        self.serviceName = serviceName
        self.privateDNS = privateDNS
        self.isAvailable = isAvailable
        self.subnetIds = subnetIds
        self.groupIds = groupIds
    }
}
