import AWSCore

/// The network an instance sits in: route tables, subnets, security groups, network ACLs, interface endpoints, DNS
/// attributes and instance-profile associations, with the fields Preflight reads.
extension EC2 {
    /// A route table, its associations and routes.
    public struct RouteTable: Decodable, Sendable, Equatable {
        public var routeTableId: String
        public var vpcId: String
        public var associationSet: [Association]?
        public var routeSet: [Route]?

        /// A route table's association with a subnet, or its mark as the VPC's main table.
        public struct Association: Decodable, Sendable, Equatable {
            public var main: Bool?
            public var subnetId: String?
        }

        /// A route and its target; one target field is set.
        public struct Route: Decodable, Sendable, Equatable {
            /// The IPv4 destination; nil for an IPv6 or prefix-list route.
            public var destinationCidrBlock: String?
            public var gatewayId: String?
            public var natGatewayId: String?
            public var transitGatewayId: String?
            public var instanceId: String?
            public var networkInterfaceId: String?
            public var vpcPeeringConnectionId: String?
            public var localGatewayId: String?
            public var carrierGatewayId: String?
            public var coreNetworkArn: String?
            /// `active` or `blackhole`.
            public var state: String?
        }
    }

    /// A subnet.
    public struct Subnet: Decodable, Sendable, Equatable {
        public var subnetId: String
        public var vpcId: String
        public var cidrBlock: String?
    }

    /// A security group and its rules.
    public struct SecurityGroup: Decodable, Sendable, Equatable {
        public var groupId: String
        public var vpcId: String?
        public var ipPermissions: [Permission]?
        public var ipPermissionsEgress: [Permission]?

        /// One rule: protocol, ports and peers.
        public struct Permission: Decodable, Sendable, Equatable {
            /// `-1`, `tcp`, `udp`, `icmp` or a number.
            public var ipProtocol: String
            public var fromPort: Int?
            public var toPort: Int?
            public var groups: [GroupReference]?
            public var ipRanges: [AddressRange]?
            public var prefixListIds: [PrefixList]?
        }

        /// A security group a rule names.
        public struct GroupReference: Decodable, Sendable, Equatable { public var groupId: String? }
        /// An IPv4 block a rule names.
        public struct AddressRange: Decodable, Sendable, Equatable { public var cidrIp: String? }
        /// A prefix list a rule names.
        public struct PrefixList: Decodable, Sendable, Equatable { public var prefixListId: String? }
    }

    /// A network ACL, its subnets and entries.
    public struct NetworkAcl: Decodable, Sendable, Equatable {
        public var networkAclId: String
        public var vpcId: String
        public var `default`: Bool?
        public var associationSet: [Association]?
        public var entrySet: [Entry]?

        /// The ACL's association with a subnet.
        public struct Association: Decodable, Sendable, Equatable { public var subnetId: String? }

        /// One entry.
        public struct Entry: Decodable, Sendable, Equatable {
            public var ruleNumber: Int
            /// `-1`, `6` (TCP), …
            public var `protocol`: String
            /// `allow` or `deny`.
            public var ruleAction: String
            public var egress: Bool
            /// The IPv4 block; nil for an IPv6 entry.
            public var cidrBlock: String?
            public var portRange: PortRange?
        }

        /// An entry's ports.
        public struct PortRange: Decodable, Sendable, Equatable {
            public var from: Int?
            public var to: Int?
        }
    }

    /// A VPC endpoint.
    public struct VpcEndpoint: Decodable, Sendable, Equatable {
        public var vpcEndpointId: String
        /// `Interface`, `Gateway`, `GatewayLoadBalancer`, …
        public var vpcEndpointType: String?
        public var vpcId: String
        public var serviceName: String
        /// `available`, `pending`, `deleting`, `failed`, `rejected`, …
        public var state: String?
        public var privateDnsEnabled: Bool?
        public var subnetIdSet: [String]?
        public var groupSet: [Group]?

        /// A security group of the endpoint.
        public struct Group: Decodable, Sendable, Equatable { public var groupId: String }
    }

    /// A VPC's DNS attributes.
    public struct DNSAttributes: Sendable, Equatable {
        public var dnsSupport: Bool
        /// Nil when not asked for.
        public var dnsHostnames: Bool?
    }

    /// An instance profile associated with an instance.
    public struct InstanceProfileAssociation: Decodable, Sendable, Equatable {
        public var instanceId: String
        public var iamInstanceProfile: Instance.InstanceProfile?
        /// `associating`, `associated`, `disassociating` or `disassociated`.
        public var state: String?
    }

    struct RouteTablesPage: Decodable, Sendable { var routeTableSet: [RouteTable]?; var nextToken: String? }
    struct SubnetsPage: Decodable, Sendable { var subnetSet: [Subnet]?; var nextToken: String? }
    struct SecurityGroupsPage: Decodable, Sendable { var securityGroupInfo: [SecurityGroup]?; var nextToken: String? }
    struct NetworkAclsPage: Decodable, Sendable { var networkAclSet: [NetworkAcl]?; var nextToken: String? }
    struct VpcEndpointsPage: Decodable, Sendable { var vpcEndpointSet: [VpcEndpoint]?; var nextToken: String? }
    struct AssociationsPage: Decodable, Sendable {
        var iamInstanceProfileAssociationSet: [InstanceProfileAssociation]?
        var nextToken: String?
    }
    struct VpcAttributeResponse: Decodable, Sendable {
        struct Value: Decodable, Sendable { var value: Bool }
        var enableDnsSupport: Value?
        var enableDnsHostnames: Value?
    }

    /// `ec2:DescribeRouteTables` of `vpcIds`, 100 per page (its maximum), every page.
    public func describeRouteTables(vpcIds: [String]) async throws -> [RouteTable] {
        try await describeFiltered(.describeRouteTables, by: "vpc-id", vpcIds, pageSize: 100) { (page: RouteTablesPage) in
            (page.routeTableSet ?? [], page.nextToken)
        }
    }

    /// `ec2:DescribeSubnets` of `vpcIds`, every page.
    public func describeSubnets(vpcIds: [String]) async throws -> [Subnet] {
        try await describeFiltered(.describeSubnets, by: "vpc-id", vpcIds) { (page: SubnetsPage) in
            (page.subnetSet ?? [], page.nextToken)
        }
    }

    /// `ec2:DescribeSecurityGroups` of `vpcIds`, every page.
    public func describeSecurityGroups(vpcIds: [String]) async throws -> [SecurityGroup] {
        try await describeFiltered(.describeSecurityGroups, by: "vpc-id", vpcIds) {
            (page: SecurityGroupsPage) in (page.securityGroupInfo ?? [], page.nextToken)
        }
    }

    /// `ec2:DescribeNetworkAcls` of `vpcIds`, every page.
    public func describeNetworkAcls(vpcIds: [String]) async throws -> [NetworkAcl] {
        try await describeFiltered(.describeNetworkAcls, by: "vpc-id", vpcIds) { (page: NetworkAclsPage) in
            (page.networkAclSet ?? [], page.nextToken)
        }
    }

    /// `ec2:DescribeVpcEndpoints` of `vpcIds`, every page.
    public func describeVpcEndpoints(vpcIds: [String]) async throws -> [VpcEndpoint] {
        try await describeFiltered(.describeVpcEndpoints, by: "vpc-id", vpcIds) {
            (page: VpcEndpointsPage) in (page.vpcEndpointSet ?? [], page.nextToken)
        }
    }

    /// `ec2:DescribeVpcAttribute` for `enableDnsSupport`, and with `hostnames` for `enableDnsHostnames` too (one
    /// attribute per call).
    public func describeDNSAttributes(vpcId: String, hostnames: Bool = true) async throws -> DNSAttributes {
        async let support = vpcAttribute(vpcId, "enableDnsSupport")
        var dnsHostnames: Bool?
        if hostnames {
            dnsHostnames = try await vpcAttribute(vpcId, "enableDnsHostnames").enableDnsHostnames?.value
            guard dnsHostnames != nil else { throw Self.missingAttribute(vpcId) }
        }
        guard let dnsSupport = try await support.enableDnsSupport?.value else { throw Self.missingAttribute(vpcId) }
        return DNSAttributes(dnsSupport: dnsSupport, dnsHostnames: dnsHostnames)
    }

    private static func missingAttribute(_ vpcId: String) -> AWSClientError {
        AWSClientError(
            .malformedResponse, service: "ec2", operation: "DescribeVpcAttribute", message: "\(vpcId): the attribute's value is missing")
    }

    /// `ec2:DescribeIamInstanceProfileAssociations` of `instanceIds` (200 per request), every page.
    public func describeInstanceProfileAssociations(instanceIds: [String]) async throws -> [InstanceProfileAssociation] {
        try await describeFiltered(.describeIamInstanceProfileAssociations, by: "instance-id", instanceIds) {
            (page: AssociationsPage) in (page.iamInstanceProfileAssociationSet ?? [], page.nextToken)
        }
    }

    private func vpcAttribute(_ vpcId: String, _ attribute: String) async throws -> VpcAttributeResponse {
        var parameters = QueryParameters()
        parameters.add("VpcId", vpcId)
        parameters.add("Attribute", attribute)
        return try await client.query(.describeVpcAttribute, service: .ec2, context: context, parameters: parameters)
    }

    /// Every page of `operation` filtered by `filter` to `values` (200 per request), `pageSize` items per page (the
    /// operation's maximum: 100 for route tables, 1,000 for the others).
    private func describeFiltered<Page: Decodable & Sendable, Item: Sendable>(
        _ operation: ReadOnlyOperation, by filter: String, _ values: [String], pageSize: Int = 1000,
        items: @escaping @Sendable (Page) -> ([Item], String?)
    ) async throws -> [Item] {
        var found: [Item] = []
        for start in stride(from: 0, to: values.count, by: 200) {
            let batch = Array(values[start..<min(start + 200, values.count)])
            let pages = PaginatedSequence<Page>(service: "ec2", operation: operation.name) { token in
                var parameters = QueryParameters()
                parameters.addEC2Filters([(name: filter, values: batch)])
                parameters.add("MaxResults", pageSize)
                parameters.add("NextToken", token)
                let page: Page = try await client.query(operation, service: .ec2, context: context, parameters: parameters)
                return (page, items(page).1)
            }
            found += try await pages.collect { items($0).0 }
        }
        return found
    }
}
