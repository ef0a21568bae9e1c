import AWSCore
import Foundation

/// What to audit and how, as the command line gives it.
public struct AuditOptions: Sendable {
    public var phase: Phase
    public var parameters: DeploymentParameters
    public var deployment: DeploymentModel
    public var stackName: String
    public var deployerArn: String?
    public var lambdaRoleArn: String?
    public var memberRole: String
    /// Only these accounts, when given.
    public var accounts: [AccountID]?
    /// Only these regions, when given; otherwise every region enabled in each account.
    public var regions: [Region]?
    /// The region of organization-wide calls (STS, CloudFormation, Secrets Manager in the management account).
    public var homeRegion: Region
    /// At most this many AWS calls in flight.
    public var concurrency: Int
    /// At most this many AWS calls in flight in one account and region.
    public var accountRegionConcurrency = Defaults.accountRegionConcurrency
    /// The time dated facts are judged at (runtime deprecations): when the run starts.
    public var now = Date()
    /// How to reach Workload Security; without a key its rules are skipped.
    public var workloadSecurity = WorkloadSecurityOptions()

    public init(
        phase: Phase, parameters: DeploymentParameters, deployment: DeploymentModel, stackName: String = Defaults.stackName,
        deployerArn: String? = nil, lambdaRoleArn: String? = nil, memberRole: String = Defaults.memberRole,
        accounts: [AccountID]? = nil, regions: [Region]? = nil, homeRegion: Region = Defaults.homeRegion,
        concurrency: Int = Defaults.concurrency
    ) {
        self.phase = phase
        self.parameters = parameters
        self.deployment = deployment
        self.stackName = stackName
        self.deployerArn = deployerArn
        self.lambdaRoleArn = lambdaRoleArn
        self.memberRole = memberRole
        self.accounts = accounts
        self.regions = regions
        self.homeRegion = homeRegion
        self.concurrency = concurrency
    }

    /// The deployment's regions this run audits: the StackSet's, restricted to `--regions` when given.
    public var deploymentRegions: [Region] {
        guard let regions else { return deployment.regions }
        return deployment.regions.filter(regions.contains)
    }
}
