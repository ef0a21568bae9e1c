/// A VPC's DNS attributes (`DescribeVpcAttribute`).
public struct VPCAttributes: Sendable, Hashable {
    /// `enableDnsSupport`: whether the Amazon DNS server resolves names in the VPC.
    public var dnsSupport: Bool
    /// `enableDnsHostnames`: required, with DNS support, for an interface endpoint's private DNS names; nil when
    /// not read (a VPC without interface endpoints does not need it).
    public var dnsHostnames: Bool?

    public init(dnsSupport: Bool, dnsHostnames: Bool?) {
        self.dnsSupport = dnsSupport
        self.dnsHostnames = dnsHostnames
    }
}
