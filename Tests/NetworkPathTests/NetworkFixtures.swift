import NetworkPath

/// A VPC `vpc-1` (10.0.0.0/16) with the pieces the cases change: subnets `subnet-a` (10.0.0.0/24, where the instance
/// sits) and `subnet-e` (10.0.2.0/24, for endpoints), a main table with only the local route, the default ACL
/// allowing everything, the instance's group `sg-app` with AWS's default egress, and DNS on.
enum NetworkFixtures {
    static let region = "us-east-1"
    static let vpc = "vpc-1"
    static let local = Route(destination: block("10.0.0.0/16"), target: .local)

    static func block(_ text: String) -> IPv4Block {
        guard let block = IPv4Block(text) else { fatalError("not a block: \(text)") }
        return block
    }

    static let allowAllOut = SecurityGroupRule(ipProtocol: .all, cidrs: [.everywhere])
    static let httpsOut = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [.everywhere])

    static func allowAll(_ number: Int = 100) -> [NetworkACLEntry] {
        [
            NetworkACLEntry(ruleNumber: number, isEgress: true, ipProtocol: .all, cidr: .everywhere, allows: true),
            NetworkACLEntry(ruleNumber: number, isEgress: false, ipProtocol: .all, cidr: .everywhere, allows: true),
            NetworkACLEntry(ruleNumber: 32767, isEgress: true, ipProtocol: .all, cidr: .everywhere, allows: false),
            NetworkACLEntry(ruleNumber: 32767, isEgress: false, ipProtocol: .all, cidr: .everywhere, allows: false),
        ]
    }

    static let instance = InstanceNetwork(
        subnetId: "subnet-a", privateAddress: block("10.0.0.10"), hasPublicAddress: false, securityGroupIds: ["sg-app"])

    /// The VPC with the main table's routes `mainRoutes`, the instance group's egress `egress`, and `endpoints`.
    static func model(
        mainRoutes: [Route] = [local], ownTable: RouteTable? = nil, egress: [SecurityGroupRule] = [allowAllOut],
        extraGroups: [SecurityGroup] = [], acls: [NetworkACL] = [], endpoints: [VPCEndpoint] = [],
        dnsSupport: Bool = true, dnsHostnames: Bool = true
    ) -> NetworkModel {
        NetworkModel(
            region: region,
            subnets: [
                Subnet(id: "subnet-a", vpcId: vpc, cidr: block("10.0.0.0/24")),
                Subnet(id: "subnet-e", vpcId: vpc, cidr: block("10.0.2.0/24")),
            ],
            routeTables: [RouteTable(id: "rtb-main", vpcId: vpc, isMain: true, routes: mainRoutes)] + (ownTable.map { [$0] } ?? []),
            securityGroups: [SecurityGroup(id: "sg-app", vpcId: vpc, ingress: [], egress: egress)] + extraGroups,
            networkACLs: [NetworkACL(id: "acl-default", vpcId: vpc, isDefault: true, entries: allowAll())] + acls,
            endpoints: endpoints,
            vpcAttributes: [vpc: VPCAttributes(dnsSupport: dnsSupport, dnsHostnames: dnsHostnames)])
    }

    /// Interface endpoints with private DNS for `services` in `subnet-e`, in group `sg-endpoints`.
    static func endpoints(
        _ services: [SystemsManagerService] = SystemsManagerService.allCases, privateDNS: Bool = true,
        subnets: [String] = ["subnet-e"]
    ) -> [VPCEndpoint] {
        services.map {
            VPCEndpoint(
                id: "vpce-\($0.rawValue)", vpcId: vpc, serviceName: $0.endpointServiceName(in: region),
                privateDNS: privateDNS, subnetIds: subnets, groupIds: ["sg-endpoints"])
        }
    }

    /// The endpoints' group, admitting `ingress`.
    static func endpointGroup(_ ingress: [SecurityGroupRule]) -> SecurityGroup {
        SecurityGroup(id: "sg-endpoints", vpcId: vpc, ingress: ingress, egress: [])
    }

    static let httpsFromVPC = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [block("10.0.0.0/16")])
}
