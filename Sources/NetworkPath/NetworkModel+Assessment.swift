extension NetworkModel {
    /// How `instance` reaches Systems Manager, and what in its network stops it.
    ///
    /// Each service resolves to its interface endpoint when the VPC has one with private DNS, else goes over the
    /// internet: the route for `0.0.0.0/0` of the subnet's table (an internet gateway needs a public address; a
    /// blackhole route drops). An endpoint with private DNS in a VPC whose DNS is off counts as the service's path,
    /// so that the DNS is the one problem reported for it.
    public func assess(_ instance: InstanceNetwork) throws(NetworkModelError) -> NetworkAssessment {
        let subnet = try subnet(instance.subnetId)
        guard let attributes = vpcAttributes[subnet.vpcId] else {
            throw NetworkModelError(missing: "DNS attributes of \(subnet.vpcId)")
        }
        let table = try routeTable(of: subnet)
        let reachesInternet = Self.reachesInternet(table, publicAddress: instance.hasPublicAddress)
        var endpoints: [SystemsManagerService: VPCEndpoint] = [:]
        var missing: [SystemsManagerService] = []
        for service in SystemsManagerService.allCases {
            if let endpoint = endpoint(for: service, in: subnet.vpcId) {
                endpoints[service] = endpoint
            } else if !reachesInternet {
                missing.append(service)
            }
        }
        var problems: [NetworkProblem] = []
        if !missing.isEmpty {
            problems.append(.noNetworkPath(subnetId: subnet.id, routeTableId: table.id, missingEndpoints: missing))
        }
        let overInternet = endpoints.count < SystemsManagerService.allCases.count && reachesInternet
        let reached = Array(Set(endpoints.values))
        if let blocked = try securityGroupProblem(instance, subnet: subnet, overInternet: overInternet, endpoints: reached) {
            problems.append(blocked)
        }
        if let blocked = try networkACLProblem(subnet: subnet, overInternet: overInternet, endpoints: reached) {
            problems.append(blocked)
        }
        if !attributes.dnsSupport {
            problems.append(.vpcDNSDisabled(vpcId: subnet.vpcId, attribute: "enableDnsSupport"))
        } else if !endpoints.isEmpty {
            guard let hostnames = attributes.dnsHostnames else {
                throw NetworkModelError(missing: "enableDnsHostnames of \(subnet.vpcId)")
            }
            if !hostnames { problems.append(.vpcDNSDisabled(vpcId: subnet.vpcId, attribute: "enableDnsHostnames")) }
        }
        return NetworkAssessment(problems: problems, reachesInternet: reachesInternet, throughEndpoints: Set(endpoints.keys))
    }

    /// Whether the table's route for every address leaves the VPC somewhere usable.
    static func reachesInternet(_ table: RouteTable, publicAddress: Bool) -> Bool {
        guard let route = table.route(to: .everywhere), route.isActive else { return false }
        switch route.target {
        case .local: return false
        case .internetGateway: return publicAddress
        case .natGateway, .transitGateway, .other: return true
        }
    }

    /// The groups that keep HTTPS from a destination the path uses: the instance's when none of them admits it
    /// outbound, an endpoint's when none of its groups admits it inbound from the instance.
    private func securityGroupProblem(
        _ instance: InstanceNetwork, subnet: Subnet, overInternet: Bool, endpoints: [VPCEndpoint]
    ) throws(NetworkModelError) -> NetworkProblem? {
        var groups: [SecurityGroup] = []
        for id in instance.securityGroupIds { groups.append(try securityGroup(id)) }
        let egress = groups.flatMap(\.egress)
        var instanceBlocked = overInternet && !egress.contains { $0.admitsHTTPS(with: .internet) }
        var endpointGroups: Set<String> = []
        let source = SecurityGroupRule.Peer.addresses(
            instance.privateAddress ?? subnet.cidr, groups: Set(instance.securityGroupIds))
        for endpoint in endpoints.sorted(by: { $0.id < $1.id }) {
            let destinations = try endpoint.subnetIds.map { id throws(NetworkModelError) in
                SecurityGroupRule.Peer.addresses(try self.subnet(id).cidr, groups: Set(endpoint.groupIds))
            }
            if !destinations.contains(where: { destination in egress.contains { $0.admitsHTTPS(with: destination) } }) {
                instanceBlocked = true
            }
            var ingress: [SecurityGroupRule] = []
            for id in endpoint.groupIds { ingress += try securityGroup(id).ingress }
            if !ingress.contains(where: { $0.admitsHTTPS(with: source) }) {
                endpointGroups.formUnion(endpoint.groupIds)
            }
        }
        guard instanceBlocked || !endpointGroups.isEmpty else { return nil }
        return .securityGroupBlocksHTTPS(
            instanceGroupIds: instanceBlocked ? instance.securityGroupIds : [], endpointGroupIds: endpointGroups.sorted())
    }

    /// The subnet's ACL, when it denies outbound TCP 443 or the inbound replies (1024–65535) with a destination the
    /// path uses. Traffic to an endpoint in the instance's own subnet crosses no ACL; an endpoint in several subnets
    /// is reachable when one of them is.
    private func networkACLProblem(subnet: Subnet, overInternet: Bool, endpoints: [VPCEndpoint]) throws(NetworkModelError)
        -> NetworkProblem?
    {
        let acl = try networkACL(of: subnet)
        var peers: [[IPv4Block]] = overInternet ? [[.everywhere]] : []
        for endpoint in endpoints.sorted(by: { $0.id < $1.id }) where !endpoint.subnetIds.contains(subnet.id) {
            peers.append(try endpoint.subnetIds.map { id throws(NetworkModelError) in try self.subnet(id).cidr })
        }
        for alternatives in peers {
            if !alternatives.contains(where: { acl.allowsTCP(443...443, egress: true, peer: $0) }) {
                return .networkACLBlocksHTTPS(networkACLId: acl.id, egress: true)
            }
            if !alternatives.contains(where: { acl.allowsTCP(1024...65535, egress: false, peer: $0) }) {
                return .networkACLBlocksHTTPS(networkACLId: acl.id, egress: false)
            }
        }
        return nil
    }
}
