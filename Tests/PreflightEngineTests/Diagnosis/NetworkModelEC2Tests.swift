import NetworkPath
import Testing

@testable import AWSServices
@testable import PreflightEngine

/// EC2's answers become the network model: route targets, blackholes, ports, what is left out (IPv6, gateway
/// endpoints), and values the model cannot read.
@Suite struct NetworkModelEC2Tests {
    typealias Route = EC2.RouteTable.Route

    static func model(
        routes: [Route] = [], groups: [EC2.SecurityGroup] = [], entries: [EC2.NetworkAcl.Entry] = [],
        endpoints: [EC2.VpcEndpoint] = [], subnetBlock: String? = "10.0.0.0/24"
    ) throws(AuditError) -> NetworkModel {
        try NetworkModel(
            region: "us-east-1",
            routeTables: [
                EC2.RouteTable(
                    routeTableId: "rtb-main", vpcId: "vpc-1", associationSet: [.init(main: true)],
                    routeSet: [Route(destinationCidrBlock: "10.0.0.0/16", gatewayId: "local", state: "active")]),
                EC2.RouteTable(
                    routeTableId: "rtb-a", vpcId: "vpc-1", associationSet: [.init(main: false, subnetId: "subnet-a")],
                    routeSet: routes),
            ],
            subnets: [EC2.Subnet(subnetId: "subnet-a", vpcId: "vpc-1", cidrBlock: subnetBlock)],
            securityGroups: groups,
            networkAcls: [EC2.NetworkAcl(
                networkAclId: "acl-1", vpcId: "vpc-1", default: true, associationSet: [.init(subnetId: "subnet-a")],
                entrySet: entries)],
            endpoints: endpoints,
            dnsAttributes: ["vpc-1": EC2.DNSAttributes(dnsSupport: true, dnsHostnames: false)])
    }

    @Test func routeTargetsAndStates() throws {
        let model = try Self.model(routes: [
            Route(destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1", state: "active"),
            Route(destinationCidrBlock: "10.8.0.0/16", gatewayId: "vgw-1"),
            Route(destinationCidrBlock: "10.9.0.0/16", natGatewayId: "nat-1"),
            Route(destinationCidrBlock: "10.10.0.0/16", transitGatewayId: "tgw-1", state: "blackhole"),
            Route(destinationCidrBlock: "10.11.0.0/16", vpcPeeringConnectionId: "pcx-1"),
            Route(gatewayId: "igw-1"),
        ])
        let table = try #require(model.routeTables.first { $0.id == "rtb-a" })
        #expect(table.subnetIds == ["subnet-a"])
        #expect(!table.isMain)
        #expect(model.routeTables.first { $0.id == "rtb-main" }?.isMain == true)
        #expect(model.routeTables.first { $0.id == "rtb-main" }?.routes.first?.target == .local)
        #expect(table.routes.map(\.target) == [
            .internetGateway("igw-1"), .other("vgw-1"), .natGateway("nat-1"), .transitGateway("tgw-1"), .other("pcx-1"),
        ], "the route without an IPv4 destination is left out")
        #expect(table.routes.map(\.isActive) == [true, true, true, false, true])
        #expect(model.vpcAttributes["vpc-1"] == VPCAttributes(dnsSupport: true, dnsHostnames: false))
    }

    @Test func securityGroupRulesKeepTheirPortsAndPeers() throws {
        typealias Permission = EC2.SecurityGroup.Permission
        let group = EC2.SecurityGroup(
            groupId: "sg-1", vpcId: "vpc-1",
            ipPermissions: [Permission(
                ipProtocol: "tcp", fromPort: 443, toPort: 443, groups: [.init(groupId: "sg-2")],
                ipRanges: [.init(cidrIp: "10.0.0.0/16")], prefixListIds: [.init(prefixListId: "pl-1")])],
            ipPermissionsEgress: [Permission(ipProtocol: "-1", ipRanges: [.init(cidrIp: "0.0.0.0/0")])])
        let model = try Self.model(groups: [group])
        let converted = try #require(model.securityGroups["sg-1"])
        #expect(converted.ingress == [SecurityGroupRule(
            ipProtocol: .tcp, ports: 443...443, cidrs: [IPv4Block("10.0.0.0/16")!], groupIds: ["sg-2"], prefixListIds: ["pl-1"])])
        #expect(converted.egress == [SecurityGroupRule(ipProtocol: .all, cidrs: [.everywhere])])
    }

    @Test func networkACLEntriesKeepOrderPortsAndActions() throws {
        typealias Entry = EC2.NetworkAcl.Entry
        let model = try Self.model(entries: [
            Entry(ruleNumber: 100, protocol: "6", ruleAction: "allow", egress: true, cidrBlock: "0.0.0.0/0",
                  portRange: .init(from: 443, to: 443)),
            Entry(ruleNumber: 32767, protocol: "-1", ruleAction: "deny", egress: true, cidrBlock: "0.0.0.0/0"),
            Entry(ruleNumber: 101, protocol: "-1", ruleAction: "allow", egress: true),
        ])
        let acl = try #require(model.networkACLs.first)
        #expect(acl.isDefault && acl.subnetIds == ["subnet-a"])
        #expect(acl.entries == [
            NetworkACLEntry(ruleNumber: 100, isEgress: true, ipProtocol: .tcp, ports: 443...443, cidr: .everywhere, allows: true),
            NetworkACLEntry(ruleNumber: 32767, isEgress: true, ipProtocol: .all, cidr: .everywhere, allows: false),
        ], "the IPv6 entry is left out")
    }

    @Test func onlyInterfaceEndpointsAreKept() throws {
        let model = try Self.model(endpoints: [
            EC2.VpcEndpoint(
                vpcEndpointId: "vpce-1", vpcEndpointType: "Interface", vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.ssm",
                state: "available", privateDnsEnabled: true, subnetIdSet: ["subnet-a"], groupSet: [.init(groupId: "sg-1")]),
            EC2.VpcEndpoint(
                vpcEndpointId: "vpce-2", vpcEndpointType: "Interface", vpcId: "vpc-1",
                serviceName: "com.amazonaws.us-east-1.ssmmessages", state: "pendingAcceptance", privateDnsEnabled: true),
            EC2.VpcEndpoint(
                vpcEndpointId: "vpce-3", vpcEndpointType: "Gateway", vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.s3",
                state: "available"),
        ])
        #expect(model.endpoints == [
            VPCEndpoint(
                id: "vpce-1", vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.ssm", privateDNS: true, subnetIds: ["subnet-a"],
                groupIds: ["sg-1"]),
            VPCEndpoint(
                id: "vpce-2", vpcId: "vpc-1", serviceName: "com.amazonaws.us-east-1.ssmmessages", privateDNS: true,
                isAvailable: false, subnetIds: [], groupIds: []),
        ])
    }

    @Test func unreadableValuesAreErrorsNamingWhere() {
        #expect(throws: AuditError(message: "ec2:DescribeSubnets answered an IPv4 block that is not one for subnet-a: 10.0.0.0/33")) {
            try Self.model(subnetBlock: "10.0.0.0/33")
        }
        #expect(throws: AuditError(message: "ec2:DescribeRouteTables answered a route to 0.0.0.0/0 without a target in rtb-a")) {
            try Self.model(routes: [Route(destinationCidrBlock: "0.0.0.0/0")])
        }
        let reversed = EC2.SecurityGroup(
            groupId: "sg-1", ipPermissionsEgress: [.init(ipProtocol: "tcp", fromPort: 443, toPort: 80)])
        #expect(throws: AuditError(message: "ec2:DescribeSecurityGroups answered ports 443-80 in sg-1")) {
            try Self.model(groups: [reversed])
        }
    }
}
