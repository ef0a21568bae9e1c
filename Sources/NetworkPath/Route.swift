/// One IPv4 route of a route table.
public struct Route: Sendable, Hashable {
    public var destination: IPv4Block
    public var target: RouteTarget
    /// False for a `blackhole` route (its target was deleted): it still wins by prefix length, and drops the traffic.
    public var isActive: Bool

    public init(destination: IPv4Block, target: RouteTarget, isActive: Bool = true) {
        self.destination = destination
        self.target = target
        self.isActive = isActive
    }
}
