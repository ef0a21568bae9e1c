import AWSCore
import Foundation

/// `ssm-parameters`: the four agent parameters exist in every targeted account and region with well-formed values.
/// Values of secret parameters (the code's list, those the data declares secret, and every SecureString) are matched
/// in memory and never reported.
struct SSMParametersCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "ssm-parameters"
    static let summary =
        "The four agent parameters exist in every targeted account and deployment region, with values of the "
        + "right form (never printed)."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ssm:GetParameters", in: .member),
    ]

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let accounts = try await context.targetedAccounts()
        let expected = context.options.deployment.parameters
        let plainStrings = PlainStringLocations()
        let results = await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .deployment) {
            account, region throws(AuditError) in
            let found = try await context.inventory.deploymentParameters(in: AccountRegion(account.id, region))
            var results: [CheckResult] = []
            var good = 0
            for parameter in expected {
                guard let actual = found.parameters?.first(where: { $0.name == parameter.name }) else {
                    results.append(rule.finding(
                        "SSM parameter \(parameter.name) is missing", account: account.id, region: region, resource: parameter.name))
                    continue
                }
                let value = actual.value ?? ""
                if actual.type == "SecureString" {
                    good += 1
                } else if value.range(of: parameter.pattern, options: .regularExpression) == nil {
                    let shown = parameter.isSecret ? "its value (not shown)" : "'\(value)'"
                    results.append(rule.finding(
                        "SSM parameter \(parameter.name): \(shown) does not match \(parameter.pattern)",
                        account: account.id, region: region, resource: parameter.name))
                } else {
                    good += 1
                }
                if parameter.isSecret, actual.type == "String" {
                    plainStrings.add(parameter.name, at: AccountRegion(account.id, region))
                }
            }
            if good == expected.count {
                results.append(rule.result(.pass, "all \(good) parameters exist and are well-formed", account: account.id, region: region))
            }
            return results
        }
        return results + plainStrings.warnings(rule: rule)
    }

    /// Where each secret parameter is stored as a plain String, gathered across accounts and regions so that each
    /// gets one warning listing them, instead of one per account and region.
    private final class PlainStringLocations: @unchecked Sendable {
        private let lock = NSLock()
        private var locations: [String: [AccountRegion]] = [:]

        func add(_ name: String, at scope: AccountRegion) {
            lock.withLock { locations[name, default: []].append(scope) }
        }

        func warnings(rule: Rule) -> [CheckResult] {
            lock.withLock { locations }.sorted { $0.key < $1.key }.map { name, places in
                let listed = places.map(\.description).sorted()
                return rule.result(
                    .warn,
                    "SSM parameter \(name) holds a secret as a plain String, not a SecureString, in \(listed.count) account-region(s)",
                    resource: name, evidence: ["type": "String", "locations": .array(listed.map { .string($0) })])
            }
        }
    }
}
