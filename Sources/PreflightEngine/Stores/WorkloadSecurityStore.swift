import AWSCore
import AWSServices
import CloudOne
import Logging

/// Trend Cloud One Workload Security, read once per run: the API key (given, or the deployment's secret), the region,
/// the key's description, the agent-initiated activation setting, the deployment script's values and every computer.
/// Calls go through the run's concurrency limit. A key the API rejects keeps its `CloudOneError`, so that the
/// API rule can fail on it while the others report it as `error`.
final class WorkloadSecurityStore: Sendable {
    /// The API, or why there is none.
    enum Access: Sendable {
        /// No key was given: the rules are skipped.
        case notRequested
        case ready(WorkloadSecurityAPI, region: CloudOneRegion)
    }

    private let calls: AuditCalls
    private let principals: PrincipalStore
    private let stacks: StackStore
    private let options: WorkloadSecurityOptions
    private let transport: (any HTTPTransport)?
    private let logger: Logger
    private let access = SharedValue<Result<Access, AuditError>>()
    private let key = SharedValue<Result<Result<APIKeyDescription, CloudOneError>, AuditError>>()
    private let setting = SharedValue<Result<Result<String, CloudOneError>, AuditError>>()
    private let activation = SharedValue<Result<Result<AgentActivation, CloudOneError>, AuditError>>()
    private let computers = SharedValue<Result<ComputerIndex, AuditError>>()

    init(
        calls: AuditCalls, principals: PrincipalStore, stacks: StackStore, options: WorkloadSecurityOptions,
        transport: (any HTTPTransport)?, logger: Logger
    ) {
        self.calls = calls
        self.principals = principals
        self.stacks = stacks
        self.options = options
        self.transport = transport
        self.logger = logger
    }

    /// The API with its key and region.
    func api() async throws(AuditError) -> Access {
        try await access.value {
            await AuditError.catching { () async throws(AuditError) in try await self.connect() }
        }.get()
    }

    /// `GET /api/apikeys/current`.
    func currentKey(_ api: WorkloadSecurityAPI) async throws(AuditError) -> Result<APIKeyDescription, CloudOneError> {
        try await answer(key, .describeCurrentAPIKey) { () async throws(CloudOneError) in try await api.currentAPIKey() }
    }

    /// The agent-initiated activation setting.
    func activationSetting(_ api: WorkloadSecurityAPI) async throws(AuditError) -> Result<String, CloudOneError> {
        try await answer(setting, .describeAgentInitiatedActivation) { () async throws(CloudOneError) in
            try await api.agentInitiatedActivation()
        }
    }

    /// The four values of the deployment script the Lambda asks for.
    func agentActivation(_ api: WorkloadSecurityAPI) async throws(AuditError) -> Result<AgentActivation, CloudOneError> {
        try await answer(activation, .generateAgentDeploymentScript) { () async throws(CloudOneError) in
            try await api.agentActivation()
        }
    }

    /// Every computer of the manager; nil when no key was given. Any failure is an `AuditError`.
    func computerIndex() async throws(AuditError) -> ComputerIndex? {
        guard case .ready(let api, let region) = try await api() else { return nil }
        return try await computers.value {
            await AuditError.catching { () async throws(AuditError) in
                let listed = try await self.call(.searchComputers) { () async throws(CloudOneError) in try await api.computers() }
                switch listed {
                case .success(let computers): return ComputerIndex(computers)
                case .failure(let error): throw Self.auditError(error, region: region)
                }
            }
        }.get()
    }

    /// A Cloud One failure as the rules that cannot judge without the manager report it.
    static func auditError(_ error: CloudOneError, region: CloudOneRegion) -> AuditError {
        AuditError(message: "Workload Security (\(region)) could not be read: \(error)")
    }

    /// `shared`'s answer, computed once by calling `operation`.
    private func answer<T: Sendable>(
        _ shared: SharedValue<Result<Result<T, CloudOneError>, AuditError>>, _ operation: CloudOneOperation,
        _ body: @escaping @Sendable () async throws(CloudOneError) -> T
    ) async throws(AuditError) -> Result<T, CloudOneError> {
        try await shared.value {
            await AuditError.catching { () async throws(AuditError) in try await self.call(operation, body) }
        }.get()
    }

    /// Runs one Cloud One call under the run's concurrency limit, keeping its `CloudOneError`.
    private func call<T: Sendable>(
        _ operation: CloudOneOperation, _ body: @escaping @Sendable () async throws(CloudOneError) -> T
    ) async throws(AuditError) -> Result<T, CloudOneError> {
        try await calls.call("cloudone:\(operation.name)") { () async -> Result<T, CloudOneError> in
            do throws(CloudOneError) {
                return .success(try await body())
            } catch {
                return .failure(error)
            }
        }
    }

    private func connect() async throws(AuditError) -> Access {
        guard let source = options.key else { return .notRequested }
        guard let transport else {
            throw AuditError(message: "Workload Security cannot be reached: this run has no HTTP transport for it")
        }
        let parameters = await stacks.effectiveParameters()
        let region = try region(parameters)
        let key: CloudOneAPIKey
        switch source {
        case .key(let given): key = given
        case .secret(let arn): key = try await secretKey(arn: arn, parameters: parameters)
        }
        let endpoint: CloudOneEndpoint
        do {
            endpoint = try CloudOneEndpoint(region: region, environment: options.environment)
        } catch {
            throw AuditError(message: error.description)
        }
        let client = CloudOneClient(transport: transport, endpoint: endpoint, key: key, logger: logger)
        return .ready(WorkloadSecurityAPI(client: client), region: region)
    }

    private func region(_ parameters: DeploymentParameters) throws(AuditError) -> CloudOneRegion {
        if let region = options.region { return region }
        guard let value = parameters.values["CloudOneRegionEndpoint"] else {
            throw AuditError(
                message: "no Cloud One region: pass --cloudone-region (us-1, de-1, jp-1, …) or set CloudOneRegionEndpoint "
                    + "in the parameters file")
        }
        guard let region = CloudOneRegion(rawValue: value.value.lowercased()) else {
            let place = parameters.file.map { value.line > 0 ? "\($0):\(value.line): " : "\($0): " } ?? ""
            throw AuditError(message: "\(place)CloudOneRegionEndpoint: '\(value.value)' is not a Cloud One region (us-1, de-1, …)")
        }
        return region
    }

    private func secretKey(arn given: String?, parameters: DeploymentParameters) async throws(AuditError) -> CloudOneAPIKey {
        guard let arnText = given ?? parameters["CloudOneApiKeySecret"] else {
            throw AuditError(
                message: "--cloudone-api-key-secret: no secret ARN: give it (--cloudone-api-key-secret ARN) or set "
                    + "CloudOneApiKeySecret in the parameters file (the deployed stack masks it)")
        }
        guard let arn = ARN(arnText), arn.service == "secretsmanager", let region = Region(rawValue: arn.region) else {
            throw AuditError(message: "--cloudone-api-key-secret: '\(arnText)' is not a Secrets Manager secret ARN")
        }
        let context = principals.callerContext(region: region)
        let value = try await calls.call("secretsmanager:GetSecretValue") {
            try await SecretsManager(client: self.calls.client, context: context).secretString(id: arnText)
        }
        guard let key = value.flatMap(CloudOneAPIKey.init) else {
            throw AuditError(message: "the secret \(arnText) holds no API key (its SecretString is empty, binary or several lines)")
        }
        return key
    }
}
