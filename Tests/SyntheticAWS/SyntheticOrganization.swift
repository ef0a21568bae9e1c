/// A generated AWS Organization: a management account at the root, member accounts spread over OUs, the same
/// enabled regions in every account and the same number of running instances in every account and region.
///
/// Everything is derived from indices, so any response can be computed without stored state.
public struct SyntheticOrganization: Sendable {
    /// Whether the deployment has happened (`post`) or not (`pre`).
    public enum State: String, Sendable {
        case pre, post
    }

    /// The deployment's regions, in the order of `rules/deployment.yaml`; enabled regions are taken from its start.
    public static let deploymentRegions = [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-3", "ap-northeast-2",
        "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
        "eu-north-1", "sa-east-1",
    ]
    /// Further regions, enabled after the deployment's when more than 16 are asked for.
    public static let otherRegions = [
        "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ca-west-1", "eu-central-2",
        "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1",
    ]
    /// Every region this organization knows, by region index: the deployment's, then the others.
    public static let allRegions = deploymentRegions + otherRegions

    public static let stackName = "ABI-TM-SSM"
    public static let stackSetName = "C1WS-SSM-StackSet"
    public static let associationName = "TrendCloudOneWorkloadSecurityAssociation"
    public static let memberRole = "OrganizationAccountAccessRole"
    /// The bucket the Lambda package is staged in (`TrendStagingS3Bucket`), in us-east-1.
    public static let stagingBucket = "c1ws-staging"

    /// Accounts, the management account included.
    public let accountCount: Int
    public let regions: [String]
    public let instancesPerRegion: Int
    public let accountsPerOrganizationalUnit: Int
    /// Association executions kept per association (newest first), each with targets.
    public let executionsPerAssociation: Int
    public let state: State
    /// Departures from the generated defaults (none unless given).
    public let variations: SyntheticVariations

    /// - Precondition: `accounts >= 1`, `1 <= regions <= 28`, `instances >= 0`, `accountsPerOU >= 1`.
    public init(
        accounts: Int, regions: Int, instances: Int, accountsPerOU: Int = 100, executions: Int = 3, state: State = .post,
        variations: SyntheticVariations = SyntheticVariations()
    ) {
        precondition(accounts >= 1 && accounts < 1_000_000, "accounts must be in 1..<1000000")
        precondition(regions >= 1 && regions <= Self.allRegions.count)
        precondition(instances >= 0 && instances < 1 << 24 && accountsPerOU >= 1 && executions >= 1)
        accountCount = accounts
        self.regions = Array(Self.allRegions.prefix(regions))
        instancesPerRegion = instances
        accountsPerOrganizationalUnit = accountsPerOU
        executionsPerAssociation = executions
        self.state = state
        self.variations = variations
    }

    // MARK: Identifiers

    public static let organizationId = "o-bench00001"
    public static let rootId = "r-b00t"

    public var managementAccountId: String { accountId(0) }

    /// `1000000NNNNN`: account 0 is the management account.
    public func accountId(_ index: Int) -> String {
        Self.text("1\(decimal: index, width: 11)")
    }

    /// The index of a well-formed account id of this organization.
    public func accountIndex(_ id: some StringProtocol) -> Int? {
        guard id.utf8.count == 12, id.first == "1", let value = Int(id.dropFirst()), value < accountCount else {
            return nil
        }
        return value
    }

    public var organizationalUnitCount: Int {
        (accountCount - 1 + accountsPerOrganizationalUnit - 1) / accountsPerOrganizationalUnit
    }

    public func organizationalUnitId(_ index: Int) -> String {
        Self.text("ou-b00t-\(decimal: index, width: 8)")
    }

    public func organizationalUnitIndex(_ id: some StringProtocol) -> Int? {
        guard id.hasPrefix("ou-b00t-"), let value = Int(id.dropFirst(8)), value < organizationalUnitCount else {
            return nil
        }
        return value
    }

    /// The accounts OU `index` holds by generation (`accountsAtRoot` variations take some out of it).
    public func accounts(inOrganizationalUnit index: Int) -> Range<Int> {
        let start = 1 + index * accountsPerOrganizationalUnit
        return start..<min(accountCount, start + accountsPerOrganizationalUnit)
    }

    /// The accounts directly below the root (`rootId`) or an OU, in account order.
    public func accounts(inParent parent: some StringProtocol) -> [Int] {
        let atRoot = variations.accountsAtRoot
        if parent == Self.rootId { return [0] + atRoot.filter { $0 > 0 && $0 < accountCount }.sorted() }
        guard let unit = organizationalUnitIndex(parent) else { return [] }
        return accounts(inOrganizationalUnit: unit).filter { !atRoot.contains($0) }
    }

    /// `ACTIVE`, or `SUSPENDED` for `suspendedAccounts`.
    public func status(account: Int) -> String {
        variations.suspendedAccounts.contains(account) ? "SUSPENDED" : "ACTIVE"
    }

    /// Active accounts in an OU are targeted by the StackSet; the management account is not.
    public func isTargeted(account: Int) -> Bool {
        account > 0 && !variations.accountsAtRoot.contains(account) && !variations.suspendedAccounts.contains(account)
    }

    public func regionIndex(_ name: String) -> Int? { regions.firstIndex(of: name) }

    public func isDeploymentRegion(_ region: Int) -> Bool { region < Self.deploymentRegions.count }

    // MARK: Instances

    /// One running instance and what Systems Manager knows of it.
    public struct Instance: Sendable {
        public var account: Int
        public var region: Int
        public var index: Int
        /// Registered with Systems Manager (every tenth is not).
        public var isManaged: Bool
        /// An instance profile is attached (to the managed ones).
        public var hasInstanceProfile: Bool
        /// `Online`, or `ConnectionLost` for every tenth managed instance.
        public var pingStatus: String
        /// The newest association outcome: `Failed` for every tenth online instance, else `Success`.
        public var outcome: String

        /// `i-0` and the account, region and index in hex (6, 2 and 8 digits).
        public var id: String {
            let id: WireBytes = "i-\(idSuffix)"
            return String(decoding: id.filled(account: account), as: UTF8.self)
        }

        /// The id after `i-`, shared by the instance's volume and network interface ids, with the account left open.
        var idSuffix: WireBytes { "0\(.accountHex)\(hex: region, width: 2)\(hex: index, width: 8)" }
    }

    public func instanceId(account: Int, region: Int, index: Int) -> String {
        instance(account: account, region: region, index: index).id
    }

    public func instance(account: Int, region: Int, index: Int) -> Instance {
        if !variations.instances.isEmpty,
            let state = variations.instances[.init(account: account, region: Self.allRegions[region], index: index)]
        {
            return Instance(
                account: account, region: region, index: index, isManaged: state.isManaged,
                hasInstanceProfile: state.hasInstanceProfile, pingStatus: state.pingStatus, outcome: state.outcome)
        }
        let slot = index % 10
        return Instance(
            account: account, region: region, index: index, isManaged: slot != 9, hasInstanceProfile: slot != 9,
            pingStatus: slot == 8 ? "ConnectionLost" : "Online", outcome: slot == 7 ? "Failed" : "Success")
    }

    /// The running instances of `account` in each enabled region.
    public func instanceCount(account: Int) -> Int {
        variations.instancesPerRegion[account] ?? instancesPerRegion
    }

    /// Instances registered with Systems Manager, in instance order.
    public func managedInstances(account: Int, region: Int) -> [Instance] {
        (0..<instanceCount(account: account)).map { instance(account: account, region: region, index: $0) }.filter(\.isManaged)
    }

    /// Whether the deployment created the parameters and the association in `account` and `region`.
    public func isDeployed(account: Int, region: Int) -> Bool {
        state == .post && isTargeted(account: account) && isDeploymentRegion(region)
    }

    public func associationId(account: Int, region: Int) -> String {
        Self.text("a0000000-0000-4000-8000-\(hex: account, width: 8)\(hex: region, width: 4)")
    }

    /// Execution `number` (0 is the newest) of an association.
    public func executionId(account: Int, region: Int, number: Int) -> String {
        Self.text("e0000000-\(hex: number, width: 4)-4000-8000-\(hex: account, width: 8)\(hex: region, width: 4)")
    }

    public func executionNumber(_ id: some StringProtocol) -> Int? {
        guard id.hasPrefix("e0000000-"), id.utf8.count >= 13 else { return nil }
        return Int(id.dropFirst(9).prefix(4), radix: 16)
    }

    /// Identifiers are rendered with `WireBytes`' fixed-width numbers.
    private static func text(_ value: WireBytes) -> String { value.text }
}
