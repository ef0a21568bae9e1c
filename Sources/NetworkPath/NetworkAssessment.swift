/// What the network model says of one instance's path to Systems Manager.
public struct NetworkAssessment: Sendable, Hashable {
    /// The problems found, in the diagnosis's order; empty when the path works.
    public var problems: [NetworkProblem]
    /// Whether the subnet routes the internet somewhere the instance can use (an internet gateway needs a public
    /// address).
    public var reachesInternet: Bool
    /// The services reached through an interface endpoint rather than over the internet.
    public var throughEndpoints: Set<SystemsManagerService>

    public init(problems: [NetworkProblem], reachesInternet: Bool, throughEndpoints: Set<SystemsManagerService>) {
        self.problems = problems
        self.reachesInternet = reachesInternet
        self.throughEndpoints = throughEndpoints
    }

    /// Whether every service is reached through an endpoint and nothing routes to the internet: the agent installs,
    /// and cannot reach anything outside AWS.
    public var endpointsOnly: Bool {
        !reachesInternet && throughEndpoints.count == SystemsManagerService.allCases.count
    }
}
