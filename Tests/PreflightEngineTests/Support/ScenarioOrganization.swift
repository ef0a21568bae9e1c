import AWSCore
import AWSServices
import EmulatorSupport
import Foundation
import Logging
import PreflightEngine

/// An organization built in its own emulator from a scenario file, with the ids the scenario builder chose.
final class ScenarioOrganization: Sendable {
    /// What the scenario builder reports: names → ids.
    struct Ids: Decodable, Sendable {
        var accounts: [String: String]
        var instances: [String: String]
        var roles: [String: String]
        var secrets: [String: String]
        var keys: [String: String]?
        var managementAccountId: String
    }

    let emulator: EmulatorProcess
    let ids: Ids
    /// The scenario builder's answer as it came.
    private let idsDocument: Data

    init(scenario: String) throws {
        emulator = try EmulatorProcess()
        idsDocument = try emulator.load(scenario: scenario)
        ids = try JSONDecoder().decode(Ids.self, from: idsDocument)
    }

    /// The parameters the sample is deployed with, as its parameters file gives them.
    func sampleParameters() throws -> DeploymentParameters {
        try EmulatorAudit.sampleParameters(scenarioIds: idsDocument)
    }

    /// Account name for an id (the scenario's names read better in expectations than random ids).
    func accountName(_ id: String?) -> String {
        guard let id else { return "-" }
        return ids.accounts.first { $0.value == id }?.key ?? id
    }

    /// Instance name (`name`) for an id; other resources unchanged.
    func resourceName(_ resource: String?) -> String {
        guard let resource else { return "-" }
        guard let key = ids.instances.first(where: { $0.value == resource })?.key else { return resource }
        return String(key.split(separator: "/").last!)
    }

    /// Runs the rules of `phase` against the organization as the management account.
    func run(
        phase: Phase, parameters: DeploymentParameters = DeploymentParameters(), deployerArn: String? = nil,
        regions: [Region]? = nil, accounts: [AccountID]? = nil, concurrency: Int = 16
    ) async throws -> AuditReport {
        let (context, rules) = try context(
            phase: phase, parameters: parameters, deployerArn: deployerArn, regions: regions, accounts: accounts,
            concurrency: concurrency)
        return await AuditRunner(rules: rules.rules).run(context: context)
    }

    /// A fresh audit context (nothing memoized) for `phase` as the management account (or, with `callerAccount`,
    /// as that account's OrganizationAccountAccessRole), and the repository's rules; `configure` changes the options
    /// last.
    func context(
        phase: Phase, parameters: DeploymentParameters = DeploymentParameters(), deployerArn: String? = nil,
        regions: [Region]? = nil, accounts: [AccountID]? = nil, concurrency: Int = 16, callerAccount: String? = nil,
        configure: (inout AuditOptions) -> Void = { _ in }
    ) throws -> (AuditContext, RuleSet) {
        let rules = try RuleLoader().loadRuleSet(directory: Self.rulesDirectory)
        let environment = ["AWS_ENDPOINT_URL": emulator.endpoint]
        let transport = AsyncHTTPClientTransport(client: .shared)
        let client = AWSClient(
            transport: transport, endpoints: try EndpointResolver(environment: environment),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 3), logger: Logger(label: "test"))
        var options = AuditOptions(
            phase: phase, parameters: parameters, deployment: rules.deployment, deployerArn: deployerArn,
            accounts: accounts, regions: regions, homeRegion: "us-east-1", concurrency: concurrency)
        options.now = testDay
        configure(&options)
        let management = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDMANAGEMENT", secretAccessKey: "not-a-secret"))
        let credentials: any CredentialProvider = callerAccount.map {
            AssumeRoleCredentialProvider(
                client: client, roleArn: "arn:aws:iam::\($0):role/OrganizationAccountAccessRole", sessionName: "scenario",
                region: "us-east-1", source: management)
        } ?? management
        let context = AuditContext(options: options, client: client, callerCredentials: credentials, logger: Logger(label: "test"))
        return (context, rules)
    }

    /// Results as readable lines: `ruleId status account region resource`, sorted.
    func lines(_ report: AuditReport, rule: String? = nil) -> [String] {
        report.results.filter { rule == nil || $0.ruleId == rule }.map {
            "\($0.ruleId) \($0.status.rawValue) \(accountName($0.accountId)) \($0.region ?? "-") \(resourceName($0.resource))"
        }.sorted()
    }

    /// Coverage as readable lines: `account region instance verdict reason`, sorted.
    func coverageLines(_ report: AuditReport) -> [String] {
        report.coverage.instances.map {
            "\(accountName($0.accountId)) \($0.region) \(resourceName($0.instanceId)) \($0.verdict.rawValue) \($0.reason?.rawValue ?? "-")"
        }.sorted()
    }

    static let rulesDirectory = EmulatorProcess.repositoryRoot.appendingPathComponent("rules")
}
