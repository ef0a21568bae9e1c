import AWSCore
import AWSServices

/// `ssm-association`: the agent association exists in every targeted account and region exactly as the template
/// defines it; every differing field is named.
struct SSMAssociationCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "ssm-association"
    static let summary =
        "The association exists in every targeted account and deployment region with the document, package, "
        + "targets and schedule the template defines."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("ssm:ListAssociations", in: .member),
        AuditorPermission("ssm:DescribeAssociation", in: .member),
    ]

    init(configuration: Configuration) {}

    var readsInventories: Bool { true }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let accounts = try await context.targetedAccounts()
        let expected = context.options.deployment.association
        let schedule = await context.stacks.effectiveParameters()["CronJob"] ?? expected.defaultSchedule
        return await context.forEachAccountRegion(rule: rule, accounts: accounts, scope: .deployment) {
            account, region throws(AuditError) in
            let associations = try await context.inventory.deploymentAssociations(in: AccountRegion(account.id, region))
            guard let association = associations.first else {
                return [rule.finding(
                    "association \(expected.name) is missing", account: account.id, region: region, resource: expected.name)]
            }
            let differences = Self.differences(association, expected: expected, schedule: schedule)
            if differences.isEmpty {
                return [rule.result(
                    .pass, "association \(expected.name) matches the template", account: account.id, region: region,
                    resource: association.associationId)]
            }
            return differences.map { field, actual, wanted in
                rule.finding(
                    "association \(expected.name): \(field) is \(actual), expected \(wanted)", account: account.id,
                    region: region, resource: association.associationId,
                    evidence: ["field": .string(field), "actual": .string(actual), "expected": .string(wanted)])
            }
        }
    }

    static func differences(_ association: SSM.Association, expected: DeploymentModel.Association, schedule: String)
        -> [(field: String, actual: String, expected: String)]
    {
        var differences: [(String, String, String)] = []
        if association.name != expected.document {
            differences.append(("document", association.name ?? "(none)", expected.document))
        }
        if association.scheduleExpression != schedule {
            differences.append(("schedule", association.scheduleExpression ?? "(none)", schedule))
        }
        for (key, values) in expected.parameters.sorted(by: { $0.key < $1.key }) {
            let actual = association.parameters?[key]
            if actual != values {
                differences.append(("parameters.\(key)", actual?.joined(separator: ",") ?? "(none)", values.joined(separator: ",")))
            }
        }
        let targets = (association.targets ?? []).map { "\($0.key)=\($0.values.joined(separator: ","))" }
        let wanted = expected.targets.map { "\($0.key)=\($0.values.joined(separator: ","))" }
        if targets != wanted {
            differences.append(("targets", targets.joined(separator: ";"), wanted.joined(separator: ";")))
        }
        return differences
    }
}
