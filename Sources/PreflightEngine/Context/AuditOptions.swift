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
    public var accounts: [String]?
    /// Only these regions, when given; otherwise every region enabled in each account.
    public var regions: [String]?
    /// The region of organization-wide calls (STS, CloudFormation, Secrets Manager in the management account).
    public var homeRegion: String
    /// At most this many AWS calls in flight.
    public var concurrency: Int
    /// At most this many AWS calls in flight in one account and region (AWS throttles per account and region).
    public var accountRegionConcurrency = 4

    public init(
        phase: Phase, parameters: DeploymentParameters, deployment: DeploymentModel, stackName: String = "ABI-TM-SSM",
        deployerArn: String? = nil, lambdaRoleArn: String? = nil, memberRole: String = "OrganizationAccountAccessRole",
        accounts: [String]? = nil, regions: [String]? = nil, homeRegion: String = "us-east-1", concurrency: Int = 64
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
}
