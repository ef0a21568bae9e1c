import AWSCore
import CloudOne
import Foundation
import Logging
import SyntheticAWS

@testable import PreflightEngine

/// Runs one rule of `rules/` against an in-process `SyntheticAWS`: organization → `SyntheticAWS` →
/// `SyntheticTransport` → `AWSClient` → `AuditContext` → the rule's results, with no socket and no emulator.
///
/// Every use of the engine's API by the check kind tests is here, so that only this file changes with it.
struct CheckKindHarness {
    /// The organization: account 0 is the management account; by default accounts 1 and 2 are in the first OU and
    /// 3 in the second, two regions (`us-east-1`, `us-east-2`) are enabled with three running instances each, all
    /// managed, online and covered, and the deployment has happened.
    var organization: SyntheticOrganization
    var phase: Phase
    var parameters = DeploymentParameters()
    /// The account whose credentials the audit runs with (its access key is the synthetic one of that account).
    var callerAccount = 0
    /// Workload Security, reached with its key in its region; nil: no key is given.
    var cloudOne: SyntheticCloudOne?
    /// Further options (`--regions`, `--deployer-arn`, …); `--regions` defaults to the organization's regions.
    var configure: @Sendable (inout AuditOptions) -> Void = { _ in }

    /// The default organization with `variations`, in `state`; the audit's phase is the state's.
    init(
        state: SyntheticOrganization.State = .post, accounts: Int = 4, regions: Int = 2, instances: Int = 3,
        variations: SyntheticVariations = SyntheticVariations()
    ) {
        organization = SyntheticOrganization(
            accounts: accounts, regions: regions, instances: instances, accountsPerOU: 2, state: state, variations: variations)
        phase = state == .post ? .post : .pre
    }

    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    /// The repository's rules, read once with the real loader.
    static let ruleSet = Result { try RuleLoader().loadRuleSet(directory: rulesDirectory) }

    /// The id of account `index` of the organization.
    func id(_ index: Int) -> String { organization.accountId(index) }

    /// Runs rule `ruleId` and returns its results.
    func run(_ ruleId: String) async throws -> [CheckResult] {
        let rules = try Self.ruleSet.get()
        guard let rule = rules.rule(id: ruleId) else { throw MissingRule(id: ruleId) }
        let logger = Logger(label: "check-kind-tests") { _ in SwiftLogNoOpLogHandler() }
        let client = AWSClient(
            transport: SyntheticTransport(aws: SyntheticAWS(organization: organization)),
            endpoints: try EndpointResolver(environment: [:]),
            retry: RetryConfiguration(mode: .standard, maxAttempts: 1), timeout: .seconds(5), logger: logger)
        let accessKey = callerAccount == 0 ? "AKIASYNTHETICTESTS01" : "ASIA\(id(callerAccount))BNCH"
        let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: accessKey, secretAccessKey: "synthetic-secret"))
        var options = AuditOptions(
            phase: phase, parameters: parameters, deployment: rules.deployment,
            regions: organization.regions.compactMap { Region(rawValue: $0) })
        options.now = testDay
        var transport: (any HTTPTransport)?
        if var cloudOne {
            cloudOne.organization = organization
            options.workloadSecurity = WorkloadSecurityOptions(
                key: CloudOneAPIKey(cloudOne.key).map { .key($0) }, region: CloudOneRegion(rawValue: cloudOne.region))
            transport = SyntheticCloudOneTransport(cloudOne: cloudOne)
        }
        configure(&options)
        let context = AuditContext(
            options: options, client: client, callerCredentials: credentials, logger: logger, cloudOneTransport: transport)
        return await rule.run(in: context)
    }

    /// A rule id that is not in `rules/`.
    struct MissingRule: Error, CustomStringConvertible {
        var id: String
        var description: String { "no rule '\(id)' in rules/" }
    }
}

extension DeploymentParameters {
    /// Parameters as a `--parameters` file named `parameters.json` gives them, one per line in order.
    static func file(_ values: KeyValuePairs<String, String>) -> DeploymentParameters {
        var parameters = DeploymentParameters(file: "parameters.json")
        for (line, entry) in values.enumerated() { parameters.values[entry.key] = (entry.value, line + 2) }
        return parameters
    }
}

extension [CheckResult] {
    /// The results with `status`.
    func with(_ status: CheckStatus) -> [CheckResult] { filter { $0.status == status } }

    /// The statuses, in order.
    var statuses: [CheckStatus] { map(\.status) }
}
