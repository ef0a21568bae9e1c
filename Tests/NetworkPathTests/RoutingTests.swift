import NetworkPath
import Testing

/// Which route the internet takes from the instance's subnet, and whether the instance can use it.
@Suite struct RoutingTests {
    typealias F = NetworkFixtures

    func assess(_ model: NetworkModel, publicAddress: Bool = false) throws -> NetworkAssessment {
        var instance = F.instance
        instance.hasPublicAddress = publicAddress
        return try model.assess(instance)
    }

    @Test func aSubnetWithoutATableOfItsOwnUsesTheMainTable() throws {
        let viaNAT = Route(destination: .everywhere, target: .natGateway("nat-1"))
        #expect(try assess(F.model(mainRoutes: [F.local, viaNAT])).reachesInternet)
        let own = RouteTable(id: "rtb-own", vpcId: F.vpc, isMain: false, subnetIds: ["subnet-a"], routes: [F.local])
        let assessment = try assess(F.model(mainRoutes: [F.local, viaNAT], ownTable: own))
        #expect(!assessment.reachesInternet, "the subnet's own table wins over the main table")
        #expect(assessment.problems == [
            .noNetworkPath(subnetId: "subnet-a", routeTableId: "rtb-own", missingEndpoints: SystemsManagerService.allCases),
        ])
    }

    @Test func anotherSubnetsTableDoesNotApply() throws {
        let other = RouteTable(
            id: "rtb-e", vpcId: F.vpc, isMain: false, subnetIds: ["subnet-e"],
            routes: [F.local, Route(destination: .everywhere, target: .natGateway("nat-1"))])
        #expect(try !assess(F.model(ownTable: other)).reachesInternet)
    }

    @Test func anInternetGatewayNeedsAPublicAddress() throws {
        let model = F.model(mainRoutes: [F.local, Route(destination: .everywhere, target: .internetGateway("igw-1"))])
        #expect(try !assess(model).reachesInternet)
        #expect(try assess(model, publicAddress: true).reachesInternet)
        #expect(try assess(model, publicAddress: true).problems.isEmpty)
    }

    @Test func natTransitAndOtherTargetsLeadOut() throws {
        for target in [RouteTarget.natGateway("nat-1"), .transitGateway("tgw-1"), .other("vgw-1"), .other("eni-1")] {
            let model = F.model(mainRoutes: [F.local, Route(destination: .everywhere, target: target)])
            #expect(try assess(model).reachesInternet, "\(target)")
        }
    }

    @Test func aBlackholeDefaultRouteDropsTheTraffic() throws {
        let model = F.model(mainRoutes: [F.local, Route(destination: .everywhere, target: .natGateway("nat-gone"), isActive: false)])
        #expect(try !assess(model).reachesInternet)
    }

    @Test func onlyARouteForEveryAddressCarriesTheInternet() throws {
        // A route for part of the address space (a peered network, a corporate range) is not a default route.
        let partial = Route(destination: F.block("52.0.0.0/8"), target: .natGateway("nat-1"))
        #expect(try !assess(F.model(mainRoutes: [F.local, partial])).reachesInternet)
    }

    @Test func theLongestPrefixWins() {
        let table = RouteTable(
            id: "rtb-1", vpcId: F.vpc, isMain: true,
            routes: [
                Route(destination: .everywhere, target: .natGateway("nat-1")),
                Route(destination: F.block("10.0.0.0/8"), target: .transitGateway("tgw-1")),
                F.local,
                Route(destination: F.block("10.0.2.0/24"), target: .other("pcx-1"), isActive: false),
            ])
        #expect(table.route(to: F.block("10.0.1.5"))?.target == .local)
        #expect(table.route(to: F.block("10.0.2.9"))?.isActive == false, "a more specific blackhole wins too")
        #expect(table.route(to: F.block("10.9.0.0/16"))?.target == .transitGateway("tgw-1"))
        #expect(table.route(to: F.block("8.8.8.8"))?.target == .natGateway("nat-1"))
        #expect(table.route(to: .everywhere)?.target == .natGateway("nat-1"))
        #expect(RouteTable(id: "rtb-2", vpcId: F.vpc, isMain: true, routes: [F.local]).route(to: .everywhere) == nil)
    }

    @Test func missingPiecesAreErrorsNotAnswers() throws {
        var instance = F.instance
        instance.subnetId = "subnet-unknown"
        #expect(throws: NetworkModelError(missing: "subnet subnet-unknown")) { try F.model().assess(instance) }
        var model = F.model()
        model.routeTables = []
        #expect(throws: NetworkModelError.self) { try model.assess(F.instance) }
        model = F.model()
        model.vpcAttributes = [:]
        #expect(throws: NetworkModelError(missing: "DNS attributes of vpc-1")) { try model.assess(F.instance) }
        model = F.model(mainRoutes: [F.local, Route(destination: .everywhere, target: .natGateway("nat-1"))])
        instance = F.instance
        instance.securityGroupIds = ["sg-gone"]
        #expect(throws: NetworkModelError(missing: "security group sg-gone")) { try model.assess(instance) }
    }
}
