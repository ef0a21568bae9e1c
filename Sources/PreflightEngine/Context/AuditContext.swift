import AWSCore
import AWSServices
import Logging

/// Everything checks read from AWS, fetched once and shared: each lookup is memoized per account and region (an
/// account's regional inventories are freed once every reader has finished it: `InventoryReaders`), and every call
/// passes through one concurrency limit. Lookups return `Result`, so a check turns a failure into an
/// `error` result and never into a pass.
public final class AuditContext: Sendable {
    public let options: AuditOptions
    let client: AWSClient
    let callerCredentials: any CredentialProvider
    let logger: Logger
    let semaphore: AsyncSemaphore

    let identityMemo = Memo<Result<STS.CallerIdentity, AuditError>>()
    let organizationMemo = Memo<Result<OrganizationSnapshot, AuditError>>()
    let servicesMemo = Memo<Result<[String], AuditError>>()
    let delegatedMemo = Memo<Result<[String], AuditError>>()
    let credentialsMemo = Memo<Result<any CredentialProvider, AuditError>>()
    let regionsMemo = Memo<Result<[String], AuditError>>()
    let instancesMemo = Memo<Result<[EC2.Instance], AuditError>>()
    let managedMemo = Memo<Result<[String: SSM.InstanceInformation], AuditError>>()
    let parametersMemo = Memo<Result<SSM.ParametersResult, AuditError>>()
    let associationsMemo = Memo<Result<[SSM.Association], AuditError>>()
    let outcomesMemo = Memo<Result<[String: String], AuditError>>()
    let deployerMemo = Memo<Result<String, AuditError>>()
    let parametersFromStackMemo = Memo<DeploymentParameters>()
    let rootStackMemo = Memo<Result<CloudFormation.Stack?, AuditError>>()
    let deployedStacksMemo = Memo<Result<[(stack: CloudFormation.Stack, resources: [CloudFormation.StackResource])], AuditError>>()
    let coverageMemo = Memo<Coverage>()
    let accountRegionLimits: AccountRegionLimits
    let inventoryReaders = InventoryReaders()
    let stopSignal = StopSignal()

    let progress: ProgressCounter?

    /// - Parameter progress: told how many account × region inventories are done, out of those known so far.
    public init(
        options: AuditOptions, client: AWSClient, callerCredentials: any CredentialProvider, logger: Logger,
        progress: (@Sendable (AuditProgress) async -> Void)? = nil
    ) {
        self.progress = progress.map { ProgressCounter(observer: $0) }
        self.options = options
        self.client = client
        self.callerCredentials = callerCredentials
        self.logger = logger
        self.semaphore = AsyncSemaphore(limit: options.concurrency)
        self.accountRegionLimits = AccountRegionLimits(limit: options.accountRegionConcurrency)
    }

    /// Runs one AWS call under the concurrency limit, mapping any failure to `AuditError` naming `action`.
    /// Once the run is stopped (`stop()`), it makes no call and fails instead.
    func call<T: Sendable>(_ action: String, _ body: @Sendable () async throws -> T) async -> Result<T, AuditError> {
        guard !stopSignal.isStopped else {
            return .failure(AuditError(message: "\(action) was not called: the run was cancelled"))
        }
        do {
            return .success(try await semaphore.withPermit(body))
        } catch {
            logger.debug("call failed", metadata: ["action": "\(action)", "error": "\(error)"])
            return .failure(AuditError(error, action: action))
        }
    }

    /// Stops the run: no AWS call is made from now on, and lookups in progress fail at their next call.
    public func stop() {
        stopSignal.stop()
    }

    /// Frees the regional inventories of `accounts`, which no reader will read again.
    func release(_ accounts: [String]) async {
        guard !accounts.isEmpty else { return }
        let accounts = Set(accounts)
        await instancesMemo.removeValues(ofAccounts: accounts)
        await managedMemo.removeValues(ofAccounts: accounts)
        await parametersMemo.removeValues(ofAccounts: accounts)
        await associationsMemo.removeValues(ofAccounts: accounts)
        await outcomesMemo.removeValues(ofAccounts: accounts)
    }

    /// A call context in `region` with the caller's own credentials.
    func callerContext(region: String? = nil) -> AWSCallContext {
        AWSCallContext(region: region ?? options.homeRegion, credentials: callerCredentials)
    }

    /// A call context for `account` in `region`, with that account's credentials.
    func context(account: String, region: String) async -> Result<AWSCallContext, AuditError> {
        await credentials(account: account).map {
            AWSCallContext(region: region, credentials: $0, rateLimitKey: "\(account)/\(region)")
        }
    }
}
