import AWSCore
import AsyncHTTPClient
import EmulatorSupport
import Foundation
import Logging
import PreflightEngine

/// Runs audits in-process against an emulator, wired as `preflight check` wires them.
struct EmulatorAudit {
    let endpoint: String
    /// The deadline of one attempt.
    var attemptTimeout: Duration = .seconds(2)
    var maxAttempts = 3
    /// `--deployer-arn`: the emulator's default caller cannot be simulated.
    var deployerArn: String?

    /// An audit of the sample organization (pre phase) built in `emulator`, with its parameters.
    static func sample(
        _ emulator: EmulatorProcess, attemptTimeout: Duration = .seconds(2)
    ) throws -> (EmulatorAudit, DeploymentParameters) {
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org.yaml")
        let audit = EmulatorAudit(
            endpoint: emulator.endpoint, attemptTimeout: attemptTimeout, deployerArn: try deployerArn(scenarioIds: ids))
        return (audit, try sampleParameters(scenarioIds: ids))
    }

    /// The repository's rules.
    static func ruleSet() throws -> RuleSet {
        try RuleLoader().loadRuleSet(directory: EmulatorProcess.repositoryRoot.appendingPathComponent("rules"))
    }

    /// The parameters the sample organization is deployed with, as a parameters file would give them.
    static func sampleParameters(scenarioIds: Data) throws -> DeploymentParameters {
        try DeploymentParameters.parse(EmulatorProcess.sampleParametersFile(scenarioIds: scenarioIds), file: "parameters.json")
    }

    /// The scenario's deployer role (the emulator's default caller cannot be simulated).
    static func deployerArn(scenarioIds: Data) throws -> String? {
        let ids = try JSONSerialization.jsonObject(with: scenarioIds) as? [String: Any]
        return (ids?["roles"] as? [String: String])?["management/C1WSDeployer"]
    }

    /// Runs every rule of `phase` and returns the report.
    func run(
        _ phase: Phase, parameters: DeploymentParameters = DeploymentParameters(), rules: RuleSet? = nil,
        configure: (inout AuditOptions) -> Void = { _ in }
    ) async throws -> AuditReport {
        try await withContext(phase, parameters: parameters, rules: rules, configure: configure) { context, rules in
            await AuditRunner(rules: rules).run(context: context)
        }
    }

    /// Calls `body` with an audit context for `phase` and the rules; shuts the HTTP client down afterwards.
    func withContext<T: Sendable>(
        _ phase: Phase, parameters: DeploymentParameters = DeploymentParameters(), rules: RuleSet? = nil,
        configure: (inout AuditOptions) -> Void = { _ in },
        _ body: (AuditContext, [Rule]) async throws -> T
    ) async throws -> T {
        let ruleSet = try rules ?? Self.ruleSet()
        let logger = Logger(label: "preflight-tests") { _ in SwiftLogNoOpLogHandler() }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: try .aws(environment: [:]))
        let client = AWSClient(
            transport: AsyncHTTPClientTransport(client: httpClient),
            endpoints: try EndpointResolver(environment: ["AWS_ENDPOINT_URL": endpoint]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: maxAttempts), timeout: attemptTimeout, logger: logger)
        let credentials = StaticCredentialProvider(
            AWSCredentials(accessKeyId: "AKIAPREFLIGHTTESTS01", secretAccessKey: "preflight-tests-secret"))
        // 64 calls in flight, not the command line's 128: the emulator is one Python process, and under a loaded
        // machine more would queue past the short attempt timeouts the fault tests use.
        var options = AuditOptions(
            phase: phase, parameters: parameters, deployment: ruleSet.deployment, deployerArn: deployerArn,
            concurrency: 64)
        options.now = testDay
        configure(&options)
        let context = AuditContext(options: options, client: client, callerCredentials: credentials, logger: logger)
        do {
            let value = try await body(context, ruleSet.rules)
            try await httpClient.shutdown()
            return value
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }
}
