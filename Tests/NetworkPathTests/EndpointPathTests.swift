import NetworkPath
import Testing

/// Interface endpoints: which services they carry, and what their DNS and groups need.
@Suite struct EndpointPathTests {
    typealias F = NetworkFixtures

    static let endpointGroup = F.endpointGroup([F.httpsFromVPC])

    @Test func threeEndpointsWithPrivateDNSAreAPathWithoutTheInternet() throws {
        let assessment = try F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints()).assess(F.instance)
        #expect(assessment.problems.isEmpty)
        #expect(assessment.endpointsOnly)
        #expect(!assessment.reachesInternet)
    }

    @Test func theServicesWithoutAnEndpointAreNamed() throws {
        let assessment = try F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints([.ssm])).assess(F.instance)
        #expect(assessment.problems == [
            .noNetworkPath(subnetId: "subnet-a", routeTableId: "rtb-main", missingEndpoints: [.ssmmessages, .ec2messages]),
        ])
        #expect(!assessment.endpointsOnly)
    }

    @Test func endpointsWithoutPrivateDNSOrNotAvailableDoNotCount() throws {
        var model = F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints(privateDNS: false))
        #expect(try model.assess(F.instance).problems.first == .noNetworkPath(
            subnetId: "subnet-a", routeTableId: "rtb-main", missingEndpoints: SystemsManagerService.allCases))
        model = F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints())
        model.endpoints[0].isAvailable = false
        #expect(try model.assess(F.instance).problems.first == .noNetworkPath(
            subnetId: "subnet-a", routeTableId: "rtb-main", missingEndpoints: [.ssm]))
    }

    @Test func anotherRegionsOrVPCsEndpointsDoNotCount() throws {
        var model = F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints())
        model.region = "eu-west-1"
        #expect(try model.assess(F.instance).throughEndpoints.isEmpty)
        model = F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints())
        for index in model.endpoints.indices { model.endpoints[index].vpcId = "vpc-2" }
        #expect(try model.assess(F.instance).throughEndpoints.isEmpty)
    }

    @Test func dnsSupportOffIsTheOneProblemOfAnEndpointPath() throws {
        let model = F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints(), dnsSupport: false)
        #expect(try model.assess(F.instance).problems == [.vpcDNSDisabled(vpcId: "vpc-1", attribute: "enableDnsSupport")])
    }

    @Test func dnsHostnamesOffMattersOnlyForEndpoints() throws {
        let withEndpoints = F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints(), dnsHostnames: false)
        #expect(try withEndpoints.assess(F.instance).problems == [
            .vpcDNSDisabled(vpcId: "vpc-1", attribute: "enableDnsHostnames"),
        ])
        let overNAT = F.model(mainRoutes: [F.local, Route(destination: .everywhere, target: .natGateway("nat-1"))], dnsHostnames: false)
        #expect(try overNAT.assess(F.instance).problems.isEmpty)
    }

    @Test func dnsHostnamesNeedBeReadOnlyWithEndpoints() throws {
        var model = F.model(mainRoutes: [F.local, Route(destination: .everywhere, target: .natGateway("nat-1"))])
        model.vpcAttributes[F.vpc] = VPCAttributes(dnsSupport: true, dnsHostnames: nil)
        #expect(try model.assess(F.instance).problems.isEmpty)
        model = F.model(extraGroups: [Self.endpointGroup], endpoints: F.endpoints())
        model.vpcAttributes[F.vpc] = VPCAttributes(dnsSupport: true, dnsHostnames: nil)
        #expect(throws: NetworkModelError(missing: "enableDnsHostnames of vpc-1")) { try model.assess(F.instance) }
    }

    @Test func dnsSupportOffWithNeitherRouteNorEndpointsIsBothProblems() throws {
        #expect(try F.model(dnsSupport: false).assess(F.instance).problems == [
            .noNetworkPath(subnetId: "subnet-a", routeTableId: "rtb-main", missingEndpoints: SystemsManagerService.allCases),
            .vpcDNSDisabled(vpcId: "vpc-1", attribute: "enableDnsSupport"),
        ])
    }

    @Test func someServicesOverEndpointsTheOthersOverTheInternet() throws {
        let model = F.model(
            mainRoutes: [F.local, Route(destination: .everywhere, target: .natGateway("nat-1"))],
            extraGroups: [Self.endpointGroup], endpoints: F.endpoints([.ssm]))
        let assessment = try model.assess(F.instance)
        #expect(assessment.problems.isEmpty)
        #expect(assessment.throughEndpoints == [.ssm])
        #expect(!assessment.endpointsOnly)
    }
}
