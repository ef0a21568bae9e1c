import Foundation

/// `ssm-parameters`: the four agent parameters exist in every targeted account and region with well-formed values.
/// Values of secret parameters are matched in memory and never reported.
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

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let accounts: [OrganizationAccount]
        switch await context.accountsInScope() {
        case .failure(let error): return [rule.error(error)]
        case .success(let list): accounts = list.filter(\.isTargeted)
        }
        let expected = context.options.deployment.parameters
        let results = await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .deployment) { account, region in
            switch await context.deploymentParameters(account: account.id, region: region) {
            case .failure(let error):
                return [rule.error(error, accountId: account.id, region: region)]
            case .success(let found):
                var results: [CheckResult] = []
                var good = 0
                for parameter in expected {
                    guard let actual = found.Parameters?.first(where: { $0.Name == parameter.name }) else {
                        results.append(rule.finding(
                            "SSM parameter \(parameter.name) is missing", accountId: account.id, region: region, resource: parameter.name))
                        continue
                    }
                    let value = actual.Value ?? ""
                    if actual.Type == "SecureString" {
                        good += 1
                    } else if value.range(of: parameter.pattern, options: .regularExpression) == nil {
                        let shown = parameter.secret ? "its value (not shown)" : "'\(value)'"
                        results.append(rule.finding(
                            "SSM parameter \(parameter.name): \(shown) does not match \(parameter.pattern)",
                            accountId: account.id, region: region, resource: parameter.name))
                    } else {
                        good += 1
                    }
                    if parameter.secret, actual.Type == "String" {
                        results.append(rule.result(
                            .warn, "", accountId: account.id, region: region, resource: parameter.name, evidence: ["type": "String"]))
                    }
                }
                if good == expected.count {
                    results.append(rule.result(.pass, "all \(good) parameters exist and are well-formed", accountId: account.id, region: region))
                }
                return results
            }
        }
        return results.filter { $0.status != .warn } + Self.plainStringWarnings(results.filter { $0.status == .warn }, rule: rule)
    }

    /// One warning per secret parameter stored as a plain String, listing where, instead of one per account and region.
    static func plainStringWarnings(_ findings: [CheckResult], rule: Rule) -> [CheckResult] {
        Dictionary(grouping: findings) { $0.resource ?? "" }.sorted { $0.key < $1.key }.map { name, places in
            let locations = places.map { "\($0.accountId ?? "")/\($0.region ?? "")" }.sorted()
            return rule.result(
                .warn,
                "SSM parameter \(name) holds a secret as a plain String, not a SecureString, in \(locations.count) account-region(s)",
                resource: name, evidence: ["type": "String", "locations": .array(locations.map { .string($0) })])
        }
    }
}
