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
                Self.describeInstancesBody(organization: organization, account: 0, region: $0, range: first.range, next: first.next)
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
        if let refused = refusal(request, account: account) { return refused }
        let response: SyntheticResponse? =
            switch request.service {
            case "sts": sts(request, account: account)
            case "ec2": ec2(request, account: account)
            case "ssm": ssm(request, account: account)
            case "organizations": organizations(request, account: account)
            case "iam": iam(request, account: account)
            case "cloudformation": cloudFormation(request, account: account)
            case "s3": s3(request)
            case "servicequotas": serviceQuotas(request)
            case "account": accountManagement(request, account: account)
            case "secretsmanager": secretsManager(request)
            case "kms": kms(request)
            default: nil
            }
        return response ?? Self.unknownOperation(request)
    }

    /// The throttling or AccessDenied error a variation answers `request` with, if one does.
    func refusal(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        let variations = organization.variations
        guard !variations.throttled.isEmpty || !variations.accessDenied.isEmpty else { return nil }
        let operation = request.service + ":" + request.operation
        let target = request.operation == "AssumeRole"
            ? request.form["RoleArn"].flatMap { arn in
                arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.flatMap { organization.accountIndex($0) }
            } ?? account
            : account
        if variations.throttled.contains(where: { $0.matches(operation: operation, account: target, region: request.region) }) {
            return .throttling(service: request.service)
        }
        if variations.accessDenied.contains(where: { $0.matches(operation: operation, account: target, region: request.region) }) {
            return .accessDenied(service: request.service, action: operation, caller: callerArn(account: account))
        }
        return nil
    }

    /// The ARN `sts:GetCallerIdentity` gives the caller of `account`: a user in the management account, the member
    /// role elsewhere.
    func callerArn(account: Int) -> String {
        let id = organization.accountId(account)
        return account == 0
            ? "arn:aws:iam::\(id):user/preflight-bench"
            : "arn:aws:sts::\(id):assumed-role/\(SyntheticOrganization.memberRole)/preflight-audit"
    }

    /// What AWS answers to an operation it does not know.
    static func unknownOperation(_ request: SyntheticRequest) -> SyntheticResponse {
        switch request.service {
        case "ssm", "organizations", "secretsmanager", "kms":
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

    /// Whether the first pages rendered at `init` answer every account (no variation changes instances).
    var sharesFirstPages: Bool { !organization.variations.changesInstances }

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
