import AWSCore
import AWSServices

/// The principals of a run: the caller, the credentials used in each account, the deployer, and policy
/// simulations for them.
final class PrincipalStore: Sendable {
    private let calls: AuditCalls
    private let callerCredentials: any CredentialProvider
    private let memberRole: String
    private let deployerOverride: String?
    private let identity = SharedValue<Result<Caller, AuditError>>()
    private let deployer = SharedValue<Result<String, AuditError>>()
    private let accountCredentials = SingleFlight<AccountID, Result<any CredentialProvider, AuditError>>()
    private let customSimulations = SingleFlight<CustomSimulation, Result<[IAM.EvaluationResult], AuditError>>()

    /// One `SimulateCustomPolicy` question: rules that ask the same (the Lambda's template policies) share its answer.
    struct CustomSimulation: Hashable, Sendable {
        var policies: [String]
        var actions: [String]
        var resources: [String]
    }

    init(calls: AuditCalls, callerCredentials: any CredentialProvider, memberRole: String, deployerArn: String?) {
        self.calls = calls
        self.callerCredentials = callerCredentials
        self.memberRole = memberRole
        self.deployerOverride = deployerArn
    }

    /// The caller's identity.
    func caller() async throws(AuditError) -> Caller {
        try await identity.value {
            await AuditError.catching { () async throws(AuditError) in
                let identity = try await self.calls.call("sts:GetCallerIdentity") {
                    try await STS(client: self.calls.client, context: self.callerContext()).getCallerIdentity()
                }
                guard let account = AccountID(rawValue: identity.account), let arn = ARN(identity.arn) else {
                    throw AuditError(message: "sts:GetCallerIdentity returned a malformed response: account or ARN is invalid")
                }
                return Caller(account: account, arn: arn)
            }
        }.get()
    }

    /// The caller's identity if it has been read, without calling AWS.
    var knownCaller: Caller? {
        get async { try? await identity.finishedValue?.get() }
    }

    /// A call context in `region` (the home region by default) with the caller's own credentials.
    func callerContext(region: Region? = nil) -> AWSCallContext {
        calls.context(credentials: callerCredentials, region: region)
    }

    /// Credentials for `account`: the caller's own in its account, else the member role assumed once and reused.
    func credentials(account: AccountID) async throws(AuditError) -> any CredentialProvider {
        try await accountCredentials.value(for: account) {
            await AuditError.catching { () async throws(AuditError) in try await self.assumeMemberRole(in: account) }
        }.get()
    }

    private func assumeMemberRole(in account: AccountID) async throws(AuditError) -> any CredentialProvider {
        let caller = try await caller()
        if caller.account == account { return callerCredentials }
        let roleArn = ARN.role(partition: caller.partition, account: account.rawValue, name: memberRole).description
        let provider = RefreshingCredentialProvider(
            wrapping: AssumeRoleCredentialProvider(
                client: calls.client, roleArn: roleArn, sessionName: "preflight-audit", region: calls.homeRegion.rawValue,
                source: callerCredentials))
        do throws(AuditError) {
            return try await calls.call("sts:AssumeRole") {
                _ = try await provider.credentials(logger: self.calls.logger)
                return provider as any CredentialProvider
            }
        } catch {
            throw AuditError(
                message: "cannot assume \(roleArn): \(error.message)", missingPermission: error.missingPermission,
                code: error.code)
        }
    }

    /// The deployer principal: `--deployer-arn`, or the caller resolved from its STS session to its IAM role
    /// (path included, so SSO roles under `/aws-reserved/` work) or user.
    func deployerArn() async throws(AuditError) -> String {
        if let deployerOverride { return deployerOverride }
        return try await deployer.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.principalArn(forCaller: try await self.caller().arn)
            }
        }.get()
    }

    /// The IAM principal behind a caller ARN.
    func principalArn(forCaller arn: ARN) async throws(AuditError) -> String {
        let (type, rest) = arn.resourceType
        if arn.service == "iam", type == "user" || type == "role" {
            return arn.description
        }
        if arn.service == "sts", type == "assumed-role" {
            guard let roleName = rest.split(separator: "/").first.map(String.init) else {
                throw AuditError(message: "cannot parse caller ARN \(arn)")
            }
            return try await calls.call("iam:GetRole") {
                try await IAM(client: self.calls.client, context: self.callerContext()).getRole(name: roleName).arn
            }
        }
        if arn.resource == "root" {
            throw AuditError(message: "the caller is the root user, which the policy simulator cannot evaluate; pass --deployer-arn")
        }
        throw AuditError(message: "cannot simulate policies for \(arn); pass --deployer-arn with an IAM role or user ARN")
    }

    /// Simulates `actions` for `principal` in one paginated call per resource set.
    func simulate(principal: String, actions: [String], resources: [String]) async throws(AuditError) -> [IAM.EvaluationResult] {
        try await calls.call("iam:SimulatePrincipalPolicy") {
            try await IAM(client: self.calls.client, context: self.callerContext())
                .simulatePrincipalPolicy(principalArn: principal, actions: actions, resources: resources)
        }
    }

    /// Simulates `actions` against identity policy documents, once per question in a run.
    func simulate(policies: [String], actions: [String], resources: [String]) async throws(AuditError) -> [IAM.EvaluationResult] {
        let question = CustomSimulation(policies: policies, actions: actions, resources: resources)
        return try await customSimulations.value(for: question) {
            await AuditError.catching { () async throws(AuditError) in
                try await self.calls.call("iam:SimulateCustomPolicy") {
                    try await IAM(client: self.calls.client, context: self.callerContext())
                        .simulateCustomPolicy(policies: policies, actions: actions, resources: resources)
                }
            }
        }.get()
    }
}
