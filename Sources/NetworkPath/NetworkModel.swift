/// The network of one account × region, as the EC2 describe calls return it, IPv4 only.
public struct NetworkModel: Sendable, Hashable {
    public var region: String
    public var subnets: [String: Subnet]
    public var routeTables: [RouteTable]
    public var securityGroups: [String: SecurityGroup]
    public var networkACLs: [NetworkACL]
    public var endpoints: [VPCEndpoint]
    public var vpcAttributes: [String: VPCAttributes]

    public init(
        region: String, subnets: [Subnet] = [], routeTables: [RouteTable] = [], securityGroups: [SecurityGroup] = [],
        networkACLs: [NetworkACL] = [], endpoints: [VPCEndpoint] = [], vpcAttributes: [String: VPCAttributes] = [:]
    ) {
        self.region = region
        self.subnets = Dictionary(subnets.map { ($0.id, $0) }) { first, _ in first }
        self.routeTables = routeTables
        self.securityGroups = Dictionary(securityGroups.map { ($0.id, $0) }) { first, _ in first }
        self.networkACLs = networkACLs
        self.endpoints = endpoints
        self.vpcAttributes = vpcAttributes
    }

    /// The subnet's route table: the one associated with it, else its VPC's main table.
    public func routeTable(of subnet: Subnet) throws(NetworkModelError) -> RouteTable {
        if let own = routeTables.first(where: { $0.subnetIds.contains(subnet.id) }) { return own }
        guard let main = routeTables.first(where: { $0.vpcId == subnet.vpcId && $0.isMain }) else {
            throw NetworkModelError(missing: "route table for \(subnet.id) (nor a main table of \(subnet.vpcId))")
        }
        return main
    }

    /// The subnet's network ACL: the one associated with it, else its VPC's default ACL.
    public func networkACL(of subnet: Subnet) throws(NetworkModelError) -> NetworkACL {
        if let own = networkACLs.first(where: { $0.subnetIds.contains(subnet.id) }) { return own }
        guard let fallback = networkACLs.first(where: { $0.vpcId == subnet.vpcId && $0.isDefault }) else {
            throw NetworkModelError(missing: "network ACL for \(subnet.id) (nor a default ACL of \(subnet.vpcId))")
        }
        return fallback
    }

    /// The available interface endpoint with private DNS for `service` in `vpcId`, if any.
    public func endpoint(for service: SystemsManagerService, in vpcId: String) -> VPCEndpoint? {
        let name = service.endpointServiceName(in: region)
        return endpoints.first { $0.vpcId == vpcId && $0.serviceName == name && $0.privateDNS && $0.isAvailable }
    }

    func subnet(_ id: String) throws(NetworkModelError) -> Subnet {
        guard let subnet = subnets[id] else { throw NetworkModelError(missing: "subnet \(id)") }
        return subnet
    }

    func securityGroup(_ id: String) throws(NetworkModelError) -> SecurityGroup {
        guard let group = securityGroups[id] else { throw NetworkModelError(missing: "security group \(id)") }
        return group
    }
}
