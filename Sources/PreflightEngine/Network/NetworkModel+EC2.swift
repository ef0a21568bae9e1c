import AWSServices
import NetworkPath

extension NetworkModel {
    /// The model of one account × region from its EC2 answers. IPv6 and prefix-list routes, IPv6 rules and entries,
    /// and gateway endpoints are left out; a value the model cannot read (an IPv4 block that is not one, a route
    /// without a target) makes the answer unusable.
    init(
        region: String, routeTables: [EC2.RouteTable], subnets: [EC2.Subnet], securityGroups: [EC2.SecurityGroup],
        networkAcls: [EC2.NetworkAcl], endpoints: [EC2.VpcEndpoint], dnsAttributes: [String: EC2.DNSAttributes]
    ) throws(AuditError) {
        self.init(
            region: region,
            subnets: try subnets.map { subnet throws(AuditError) -> Subnet? in
                guard let text = subnet.cidrBlock else { return nil }
                return Subnet(id: subnet.subnetId, vpcId: subnet.vpcId, cidr: try Self.block(text, "DescribeSubnets", subnet.subnetId))
            }.compactMap { $0 },
            routeTables: try routeTables.map { table throws(AuditError) in
                RouteTable(
                    id: table.routeTableId, vpcId: table.vpcId,
                    isMain: table.associationSet?.contains { $0.main == true } ?? false,
                    subnetIds: Set(table.associationSet?.compactMap(\.subnetId) ?? []),
                    routes: try (table.routeSet ?? []).map { route throws(AuditError) in
                        try Self.route(route, in: table.routeTableId)
                    }.compactMap { $0 })
            },
            securityGroups: try securityGroups.map { group throws(AuditError) in
                SecurityGroup(
                    id: group.groupId, vpcId: group.vpcId ?? "",
                    ingress: try (group.ipPermissions ?? []).map { rule throws(AuditError) in try Self.rule(rule, of: group.groupId) },
                    egress: try (group.ipPermissionsEgress ?? []).map { rule throws(AuditError) in try Self.rule(rule, of: group.groupId) })
            },
            networkACLs: try networkAcls.map { acl throws(AuditError) in
                NetworkACL(
                    id: acl.networkAclId, vpcId: acl.vpcId, isDefault: acl.default ?? false,
                    subnetIds: Set(acl.associationSet?.compactMap(\.subnetId) ?? []),
                    entries: try (acl.entrySet ?? []).map { entry throws(AuditError) in
                        try Self.entry(entry, of: acl.networkAclId)
                    }.compactMap { $0 })
            },
            endpoints: endpoints.filter { $0.vpcEndpointType?.lowercased() == "interface" }.map { endpoint in
                VPCEndpoint(
                    id: endpoint.vpcEndpointId, vpcId: endpoint.vpcId, serviceName: endpoint.serviceName,
                    privateDNS: endpoint.privateDnsEnabled ?? false, isAvailable: endpoint.state?.lowercased() == "available",
                    subnetIds: endpoint.subnetIdSet ?? [], groupIds: endpoint.groupSet?.map(\.groupId) ?? [])
            },
            vpcAttributes: dnsAttributes.mapValues { VPCAttributes(dnsSupport: $0.dnsSupport, dnsHostnames: $0.dnsHostnames) })
    }

    private static func block(_ text: String, _ operation: String, _ id: String) throws(AuditError) -> IPv4Block {
        guard let block = IPv4Block(text) else {
            throw AuditError(message: "ec2:\(operation) answered an IPv4 block that is not one for \(id): \(text)")
        }
        return block
    }

    /// The route, nil for an IPv6 or prefix-list destination.
    private static func route(_ route: EC2.RouteTable.Route, in table: String) throws(AuditError) -> Route? {
        guard let destination = route.destinationCidrBlock else { return nil }
        let target: RouteTarget
        if let gateway = route.gatewayId {
            target = gateway == "local" ? .local : gateway.hasPrefix("igw-") ? .internetGateway(gateway) : .other(gateway)
        } else if let nat = route.natGatewayId {
            target = .natGateway(nat)
        } else if let transit = route.transitGatewayId {
            target = .transitGateway(transit)
        } else if let other = route.vpcPeeringConnectionId ?? route.networkInterfaceId ?? route.instanceId
            ?? route.localGatewayId ?? route.carrierGatewayId ?? route.coreNetworkArn
        {
            target = .other(other)
        } else {
            throw AuditError(message: "ec2:DescribeRouteTables answered a route to \(destination) without a target in \(table)")
        }
        return Route(
            destination: try block(destination, "DescribeRouteTables", table), target: target,
            isActive: route.state?.lowercased() != "blackhole")
    }

    private static func rule(_ permission: EC2.SecurityGroup.Permission, of group: String) throws(AuditError) -> SecurityGroupRule {
        let ipProtocol = IPProtocol(permission.ipProtocol)
        var ports: ClosedRange<Int>?
        if ipProtocol != .all, let from = permission.fromPort, let to = permission.toPort, from != -1 {
            guard from <= to else {
                throw AuditError(message: "ec2:DescribeSecurityGroups answered ports \(from)-\(to) in \(group)")
            }
            ports = from...to
        }
        return SecurityGroupRule(
            ipProtocol: ipProtocol, ports: ports,
            cidrs: try (permission.ipRanges ?? []).compactMap(\.cidrIp).map { text throws(AuditError) in
                try block(text, "DescribeSecurityGroups", group)
            },
            groupIds: (permission.groups ?? []).compactMap(\.groupId),
            prefixListIds: (permission.prefixListIds ?? []).compactMap(\.prefixListId))
    }

    /// The entry, nil for an IPv6 one.
    private static func entry(_ entry: EC2.NetworkAcl.Entry, of acl: String) throws(AuditError) -> NetworkACLEntry? {
        guard let cidr = entry.cidrBlock else { return nil }
        var ports: ClosedRange<Int>?
        if let from = entry.portRange?.from, let to = entry.portRange?.to {
            guard from <= to else { throw AuditError(message: "ec2:DescribeNetworkAcls answered ports \(from)-\(to) in \(acl)") }
            ports = from...to
        }
        return NetworkACLEntry(
            ruleNumber: entry.ruleNumber, isEgress: entry.egress, ipProtocol: IPProtocol(entry.protocol), ports: ports,
            cidr: try block(cidr, "DescribeNetworkAcls", acl), allows: entry.ruleAction.lowercased() == "allow")
    }
}
