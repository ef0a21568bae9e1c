import NetworkPath
import Testing

/// Outbound HTTPS from the instance's groups, inbound HTTPS on the endpoints' groups.
@Suite struct SecurityGroupTests {
    typealias F = NetworkFixtures

    static let viaNAT = [F.local, Route(destination: .everywhere, target: .natGateway("nat-1"))]

    func internetProblems(_ egress: [SecurityGroupRule]) throws -> [NetworkProblem] {
        try F.model(mainRoutes: Self.viaNAT, egress: egress).assess(F.instance).problems
    }

    @Test func theInternetPathNeedsHTTPSToEverywhereOrAPrefixList() throws {
        let blocked = NetworkProblem.securityGroupBlocksHTTPS(instanceGroupIds: ["sg-app"], endpointGroupIds: [])
        #expect(try internetProblems([F.allowAllOut]).isEmpty)
        #expect(try internetProblems([F.httpsOut]).isEmpty)
        #expect(try internetProblems([SecurityGroupRule(ipProtocol: .tcp, ports: 0...65535, cidrs: [.everywhere])]).isEmpty)
        #expect(try internetProblems([SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, prefixListIds: ["pl-1"])]).isEmpty)
        #expect(try internetProblems([]) == [blocked])
        #expect(try internetProblems([SecurityGroupRule(ipProtocol: .tcp, ports: 80...80, cidrs: [.everywhere])]) == [blocked])
        #expect(try internetProblems([SecurityGroupRule(ipProtocol: .other("udp"), ports: 443...443, cidrs: [.everywhere])]) == [blocked])
        #expect(try internetProblems([SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [F.block("10.0.0.0/8")])]) == [blocked])
    }

    @Test func anyOfTheInstancesGroupsMayAdmit() throws {
        var instance = F.instance
        instance.securityGroupIds = ["sg-app", "sg-web"]
        let web = SecurityGroup(id: "sg-web", vpcId: F.vpc, ingress: [], egress: [F.httpsOut])
        let model = F.model(mainRoutes: Self.viaNAT, egress: [], extraGroups: [web])
        #expect(try model.assess(instance).problems.isEmpty)
    }

    @Test func endpointsAreReachedByTheirSubnetOrTheirGroup() throws {
        let endpointGroup = F.endpointGroup([F.httpsFromVPC])
        let toSubnet = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [F.block("10.0.2.0/24")])
        let toGroup = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, groupIds: ["sg-endpoints"])
        let toOtherSubnet = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [F.block("10.0.3.0/24")])
        for (egress, admits) in [([toSubnet], true), ([toGroup], true), ([toOtherSubnet], false), ([F.allowAllOut], true)] {
            let model = F.model(egress: egress, extraGroups: [endpointGroup], endpoints: F.endpoints())
            let problems = try model.assess(F.instance).problems
            #expect(problems == (admits ? [] : [.securityGroupBlocksHTTPS(instanceGroupIds: ["sg-app"], endpointGroupIds: [])]),
                    "\(egress)")
        }
    }

    @Test func endpointGroupsMustAdmitTheInstanceByAddressOrGroup() throws {
        let fromInstanceGroup = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, groupIds: ["sg-app"])
        let fromAddress = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [F.block("10.0.0.10/32")])
        let fromOtherSubnet = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [F.block("10.0.1.0/24")])
        let fromOtherGroup = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, groupIds: ["sg-db"])
        for (ingress, admits) in [([fromInstanceGroup], true), ([fromAddress], true), ([fromOtherSubnet], false),
                                  ([fromOtherGroup], false), ([], false)] {
            let model = F.model(extraGroups: [F.endpointGroup(ingress)], endpoints: F.endpoints())
            let problems = try model.assess(F.instance).problems
            #expect(problems == (admits ? [] : [.securityGroupBlocksHTTPS(instanceGroupIds: [], endpointGroupIds: ["sg-endpoints"])]),
                    "\(ingress)")
        }
    }

    @Test func withoutItsPrivateAddressTheInstanceIsTakenAsItsWholeSubnet() throws {
        var instance = F.instance
        instance.privateAddress = nil
        let fromAddress = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [F.block("10.0.0.10/32")])
        let fromSubnet = SecurityGroupRule(ipProtocol: .tcp, ports: 443...443, cidrs: [F.block("10.0.0.0/24")])
        #expect(try !F.model(extraGroups: [F.endpointGroup([fromAddress])], endpoints: F.endpoints()).assess(instance).problems.isEmpty)
        #expect(try F.model(extraGroups: [F.endpointGroup([fromSubnet])], endpoints: F.endpoints()).assess(instance).problems.isEmpty)
    }
}
