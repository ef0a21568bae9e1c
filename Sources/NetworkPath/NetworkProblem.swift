/// Something in an instance's network that keeps its SSM agent from Systems Manager, in the order the diagnosis
/// lists causes.
public enum NetworkProblem: Sendable, Hashable {
    /// The subnet's route table sends the internet nowhere usable, and these services have no interface endpoint
    /// with private DNS in the VPC.
    case noNetworkPath(subnetId: String, routeTableId: String, missingEndpoints: [SystemsManagerService])
    /// No outbound HTTPS from the instance's groups (`instanceGroupIds`) or no inbound HTTPS from the instance on the
    /// endpoints' groups (`endpointGroupIds`) to a destination the path uses; each list is empty when that side admits.
    case securityGroupBlocksHTTPS(instanceGroupIds: [String], endpointGroupIds: [String])
    /// The subnet's ACL denies outbound TCP 443 (`egress`) or the inbound replies on 1024–65535.
    case networkACLBlocksHTTPS(networkACLId: String, egress: Bool)
    /// The VPC's attribute (`enableDnsSupport` or `enableDnsHostnames`) is off.
    case vpcDNSDisabled(vpcId: String, attribute: String)
}
