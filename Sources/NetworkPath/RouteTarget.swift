/// Where a route sends its traffic, from the target fields of EC2's `Route`.
public enum RouteTarget: Sendable, Hashable {
    /// `local`: the VPC's own addresses.
    case local
    /// An internet gateway (`igw-…`): reaches the internet only from an instance with a public address.
    case internetGateway(String)
    case natGateway(String)
    case transitGateway(String)
    /// Any other target (a virtual private gateway, a peering connection, a network interface or instance, a
    /// Gateway Load Balancer endpoint, a local or carrier gateway, a core network): traffic leaves the VPC through
    /// something the model does not see into, and is taken to get out.
    case other(String)
}
