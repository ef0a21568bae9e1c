/// A VPC route table: its explicit subnet associations, and whether it is the VPC's main table (the table of every
/// subnet without an association of its own).
public struct RouteTable: Sendable, Hashable {
    public var id: String
    public var vpcId: String
    public var isMain: Bool
    public var subnetIds: Set<String>
    public var routes: [Route]

    public init(id: String, vpcId: String, isMain: Bool, subnetIds: Set<String> = [], routes: [Route]) {
        self.id = id
        self.vpcId = vpcId
        self.isMain = isMain
        self.subnetIds = subnetIds
        self.routes = routes
    }

    /// The route traffic to every address of `destination` takes: the longest prefix that contains it, nil when no
    /// route does.
    public func route(to destination: IPv4Block) -> Route? {
        routes.filter { $0.destination.contains(destination) }.max { $0.destination.prefixLength < $1.destination.prefixLength }
    }
}
