/// Answers AWS requests for a `SyntheticOrganization`, in the real wire formats of the operations Preflight calls.
///
/// The caller's account is the one owning the access key: `sts:AssumeRole` hands out `ASIA<account id>BNCH`, and
/// any other key belongs to the management account.
public struct SyntheticAWS: Sendable {
    public let organization: SyntheticOrganization
    /// The first `DescribeInstances` page of every enabled region (all of its instances up to 1,000, what Preflight
    /// asks for), rendered once as a template for every account.
    let firstInstancePages: (range: Range<Int>, bodies: [WireBytes])
    /// The first `DescribeInstanceInformation` page (up to 50 managed instances) of every enabled region, likewise.
    let firstInstanceInformationPages: (range: Range<Int>, bodies: [WireBytes])

    public init(organization: SyntheticOrganization) {
        self.organization = organization
        let first = Self.page(count: organization.instancesPerRegion, token: nil, size: 1000)
        firstInstancePages = (
            first.range,
            organization.regions.indices.map {
                Self.describeInstancesBody(organization: organization, region: $0, range: first.range, next: first.next)
            }
        )
        let firstManaged = organization.regions.indices.map {
            Self.page(organization.managedInstances(account: 0, region: $0), token: nil, size: 50)
        }
        firstInstanceInformationPages = (
            firstManaged.first?.items.indices ?? 0..<0,
            firstManaged.map { Self.describeInstanceInformation($0.items, next: $0.next) }
        )
    }

    /// The account whose credentials signed a request.
    public func accountIndex(accessKeyId: String) -> Int {
        guard accessKeyId.hasPrefix("ASIA"), accessKeyId.utf8.count >= 16 else { return 0 }
        return organization.accountIndex(accessKeyId.dropFirst(4).prefix(12)) ?? 0
    }

    public func respond(to request: SyntheticRequest) -> SyntheticResponse {
        let account = accountIndex(accessKeyId: request.accessKeyId)
        let response: SyntheticResponse? =
            switch request.service {
            case "sts": sts(request, account: account)
            case "ec2": ec2(request, account: account)
            case "ssm": ssm(request, account: account)
            case "organizations": organizations(request, account: account)
            case "iam": iam(request, account: account)
            case "cloudformation": cloudFormation(request, account: account)
            default: nil
            }
        return response ?? Self.unknownOperation(request)
    }

    /// What AWS answers to an operation it does not know.
    static func unknownOperation(_ request: SyntheticRequest) -> SyntheticResponse {
        switch request.service {
        case "ssm", "organizations":
            .error(service: request.service, status: 400, code: "UnknownOperationException", message: "Unknown operation \(request.operation)")
        default:
            .error(service: request.service, status: 400, code: "InvalidAction", message: "Could not find operation \(request.operation)")
        }
    }

    /// The region's index among every region this endpoint knows; enabled when below `regions.count`.
    func regionIndex(_ name: String) -> Int? {
        organization.regions.firstIndex(of: name) ?? SyntheticOrganization.allRegions.firstIndex(of: name)
    }

    func isEnabled(region: Int) -> Bool { region < organization.regions.count }

    /// The page of `items` starting at token `p<offset>` and the next token.
    static func page<Item>(_ items: [Item], token: String?, size: Int) -> (items: ArraySlice<Item>, next: String?) {
        let offset = token.flatMap { $0.hasPrefix("p") ? Int($0.dropFirst()) : nil } ?? 0
        let start = min(max(0, offset), items.count)
        let end = min(items.count, start + max(1, size))
        return (items[start..<end], end < items.count ? "p\(end)" : nil)
    }

    /// The page of `0..<count` starting at token `p<offset>` and the next token.
    static func page(count: Int, token: String?, size: Int) -> (range: Range<Int>, next: String?) {
        let offset = token.flatMap { $0.hasPrefix("p") ? Int($0.dropFirst()) : nil } ?? 0
        let start = min(max(0, offset), count)
        let end = min(count, start + max(1, size))
        return (start..<end, end < count ? "p\(end)" : nil)
    }

    /// Seconds since 1970 of a fixed reference time (2026-01-01) minus `days`.
    static func epoch(daysAgo days: Int = 0) -> Int { 1_767_225_600 - days * 86_400 }
}
