import NetworkPath
import Testing

/// Network ACLs: rule order, `-1`, port ranges, the implicit deny, the default ACL, and traffic inside a subnet.
@Suite struct NetworkACLTests {
    typealias F = NetworkFixtures

    static func entry(_ number: Int, egress: Bool, _ ipProtocol: IPProtocol = .tcp, _ ports: ClosedRange<Int>? = nil,
                      cidr: String = "0.0.0.0/0", allows: Bool) -> NetworkACLEntry {
        NetworkACLEntry(ruleNumber: number, isEgress: egress, ipProtocol: ipProtocol, ports: ports, cidr: F.block(cidr), allows: allows)
    }

    static let outHTTPS = entry(100, egress: true, .tcp, 443...443, allows: true)
    static let inReplies = entry(100, egress: false, .tcp, 1024...65535, allows: true)

    func problems(_ entries: [NetworkACLEntry], endpoints: Bool = false) throws -> [NetworkProblem] {
        let acl = NetworkACL(id: "acl-1", vpcId: F.vpc, isDefault: false, subnetIds: ["subnet-a"], entries: entries)
        let model = endpoints
            ? F.model(extraGroups: [F.endpointGroup([F.httpsFromVPC])], acls: [acl], endpoints: F.endpoints())
            : F.model(mainRoutes: SecurityGroupTests.viaNAT, acls: [acl])
        return try model.assess(F.instance).problems
    }

    @Test func entriesAreEvaluatedInRuleNumberOrder() throws {
        let denyFirst = [Self.entry(90, egress: true, .tcp, 443...443, allows: false), Self.outHTTPS, Self.inReplies]
        #expect(try problems(denyFirst) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: true)])
        let listedLast = [Self.inReplies, Self.outHTTPS, Self.entry(200, egress: true, .tcp, 443...443, allows: false)]
        #expect(try problems(listedLast).isEmpty, "a later number does not override")
        let unsorted = [Self.entry(200, egress: true, .all, allows: true), Self.entry(50, egress: true, .all, allows: false),
                        Self.inReplies]
        #expect(try problems(unsorted) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: true)])
    }

    @Test func protocolMinusOneCoversEveryPort() throws {
        #expect(try problems([Self.entry(100, egress: true, .all, allows: true), Self.entry(100, egress: false, .all, allows: true)]).isEmpty)
        #expect(try problems([Self.entry(100, egress: true, .other("17"), allows: true), Self.inReplies])
            == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: true)])
    }

    @Test func whatNoEntryMatchesIsDenied() throws {
        #expect(try problems([Self.inReplies]) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: true)])
        #expect(try problems([Self.outHTTPS]) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: false)])
        #expect(try problems([]) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: true)])
    }

    @Test func everyReplyPortMustBeAllowed() throws {
        let someReplies = Self.entry(100, egress: false, .tcp, 32768...65535, allows: true)
        #expect(try problems([Self.outHTTPS, someReplies]) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: false)])
        let split = [Self.outHTTPS, Self.entry(100, egress: false, .tcp, 1024...30000, allows: true),
                     Self.entry(110, egress: false, .tcp, 30001...65535, allows: true)]
        #expect(try problems(split).isEmpty)
        let holeDenied = [Self.outHTTPS, Self.entry(90, egress: false, .tcp, 3306...3306, allows: false), Self.inReplies]
        #expect(try problems(holeDenied) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: false)])
        let deniedElsewhere = [Self.outHTTPS, Self.entry(90, egress: false, .tcp, 22...22, allows: false), Self.inReplies]
        #expect(try problems(deniedElsewhere).isEmpty, "a deny outside 1024–65535 does not matter")
    }

    @Test func anEntryForPartOfThePeerIsPassedOver() throws {
        let narrow = [Self.entry(90, egress: true, .tcp, 443...443, cidr: "52.0.0.0/8", allows: false), Self.outHTTPS, Self.inReplies]
        #expect(try problems(narrow).isEmpty)
    }

    @Test func endpointsAreReachedThroughTheirSubnetsBlocks() throws {
        let toEndpoints = [Self.entry(100, egress: true, .tcp, 443...443, cidr: "10.0.2.0/24", allows: true),
                           Self.entry(100, egress: false, .tcp, 1024...65535, cidr: "10.0.0.0/16", allows: true)]
        #expect(try problems(toEndpoints, endpoints: true).isEmpty)
        #expect(try problems(toEndpoints) == [.networkACLBlocksHTTPS(networkACLId: "acl-1", egress: true)],
                "rules for the VPC's blocks do not open the internet")
    }

    @Test func trafficToAnEndpointInTheSameSubnetCrossesNoACL() throws {
        let acl = NetworkACL(id: "acl-1", vpcId: F.vpc, isDefault: false, subnetIds: ["subnet-a"], entries: [])
        let model = F.model(extraGroups: [F.endpointGroup([F.httpsFromVPC])], acls: [acl], endpoints: F.endpoints(subnets: ["subnet-a"]))
        #expect(try model.assess(F.instance).problems.isEmpty)
    }

    @Test func aSubnetWithoutAnACLOfItsOwnUsesTheDefault() throws {
        let denyAll = NetworkACL(id: "acl-default", vpcId: F.vpc, isDefault: true, entries: [])
        var model = F.model(mainRoutes: SecurityGroupTests.viaNAT)
        model.networkACLs = [denyAll, NetworkACL(id: "acl-e", vpcId: F.vpc, isDefault: false, subnetIds: ["subnet-e"], entries: F.allowAll())]
        #expect(try model.assess(F.instance).problems == [.networkACLBlocksHTTPS(networkACLId: "acl-default", egress: true)])
        model.networkACLs = []
        #expect(throws: NetworkModelError.self) { try model.assess(F.instance) }
    }

    @Test func problemsComeInTheDiagnosisOrder() throws {
        let acl = NetworkACL(id: "acl-1", vpcId: F.vpc, isDefault: false, subnetIds: ["subnet-a"], entries: [])
        let model = F.model(egress: [], extraGroups: [F.endpointGroup([])], acls: [acl], endpoints: F.endpoints([.ssm]), dnsHostnames: false)
        #expect(try model.assess(F.instance).problems == [
            .noNetworkPath(subnetId: "subnet-a", routeTableId: "rtb-main", missingEndpoints: [.ssmmessages, .ec2messages]),
            .securityGroupBlocksHTTPS(instanceGroupIds: ["sg-app"], endpointGroupIds: ["sg-endpoints"]),
            .networkACLBlocksHTTPS(networkACLId: "acl-1", egress: true),
            .vpcDNSDisabled(vpcId: "vpc-1", attribute: "enableDnsHostnames"),
        ])
    }
}
