import AWSCore
import AWSServices
import Logging

/// Everything checks read from AWS, fetched once and shared, in stores by concern: the principals, the
/// organization, each account × region's inventory, and the deployment's stacks. Every call passes through one
/// concurrency limit; lookups throw `AuditError`, which a check turns into an `error` result, never a pass.
public final class AuditContext: Sendable {
    public let options: AuditOptions
    let calls: AuditCalls
    let principals: PrincipalStore
    let organization: OrganizationStore
    let inventory: InventoryStore
    let stacks: StackStore
    let workloadSecurity: WorkloadSecurityStore
    let coverage = SharedValue<Coverage>()

    /// - Parameters:
    ///   - cloudOneTransport: how Workload Security is reached (nil: it cannot be, and its rules say so when asked).
    ///   - progress: told how many account × region inventories are done, out of those known so far.
    public init(
        options: AuditOptions, client: AWSClient, callerCredentials: any CredentialProvider, logger: Logger,
        cloudOneTransport: (any HTTPTransport)? = nil, progress: (@Sendable (AuditProgress) async -> Void)? = nil
    ) {
        self.options = options
        let calls = AuditCalls(
            client: client, logger: logger, homeRegion: options.homeRegion, concurrency: options.concurrency,
            accountRegionConcurrency: options.accountRegionConcurrency)
        let principals = PrincipalStore(
            calls: calls, callerCredentials: callerCredentials, memberRole: options.memberRole,
            deployerArn: options.deployerArn)
        self.calls = calls
        self.principals = principals
        self.organization = OrganizationStore(calls: calls, principals: principals, accounts: options.accounts)
        self.inventory = InventoryStore(
            calls: calls, principals: principals, options: options,
            progress: progress.map { ProgressCounter(observer: $0) })
        let stacks = StackStore(calls: calls, principals: principals, options: options)
        self.stacks = stacks
        self.workloadSecurity = WorkloadSecurityStore(
            calls: calls, principals: principals, stacks: stacks, options: options.workloadSecurity,
            transport: cloudOneTransport, logger: logger)
    }

    /// Stops the run: no AWS call is made from now on, and lookups in progress fail at their next call.
    public func stop() {
        calls.stop()
    }

    /// The deployment's regions this run audits.
    var deploymentRegions: [Region] { options.deploymentRegions }

    /// The accounts of the run that the StackSet targets (in an OU, active, not the management account).
    func targetedAccounts() async throws(AuditError) -> [OrganizationAccount] {
        try await organization.accountsInScope().filter(\.isTargeted)
    }
}
