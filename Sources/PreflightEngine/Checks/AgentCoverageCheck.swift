/// `agent-coverage`: the association's latest outcome on every running instance; one result per uncovered
/// instance and a summary with the coverage percentage.
struct AgentCoverageCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "agent-coverage"
    static let summary =
        "For every running instance of every targeted account and deployment region, the association's latest"
        + " outcome on it; the instances it cannot reach (management account, accounts in no OU, regions "
        + "outside the 16, instances not managed by SSM) are reported with the reason."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ec2:DescribeInstances", in: .management),
        AuditorPermission("ec2:DescribeInstances", in: .member),
        AuditorPermission("ssm:DescribeInstanceInformation", in: .member),
        AuditorPermission("ssm:ListAssociations", in: .member),
        AuditorPermission("ssm:DescribeAssociation", in: .member),
        AuditorPermission("ssm:DescribeAssociationExecutions", in: .member),
        AuditorPermission("ssm:DescribeAssociationExecutionTargets", in: .member),
    ]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let coverage = await CoverageCalculator(context: context).compute()
        var results = coverage.errors.map { rule.error($0.error, accountId: $0.accountId, region: $0.region) }
        // One evidence dictionary per reason, shared by all the results with that reason.
        var evidencePool: Set<[String: JSONValue]> = []
        for instance in coverage.instances where instance.verdict == .uncovered {
            let evidence = evidencePool.insert(["reason": .string(instance.reason?.rawValue ?? "")]).memberAfterInsert
            results.append(rule.finding(
                "instance \(instance.instanceId) is not covered: \(instance.reason?.rawValue ?? "unknown")",
                accountId: instance.accountId, region: instance.region, resource: instance.instanceId,
                evidence: evidence))
        }
        let totals = coverage.totals
        let eligible = totals.covered + totals.uncovered
        let percent = eligible == 0 ? 100 : Double(totals.covered) * 100 / Double(eligible)
        let summary = "\(totals.covered) of \(eligible) eligible running instances covered (\(Self.format(percent))%), \(totals.excluded) excluded"
        let evidence: [String: JSONValue] = [
            "covered": .number(Double(totals.covered)), "uncovered": .number(Double(totals.uncovered)),
            "excluded": .number(Double(totals.excluded)), "percent": .number(percent),
        ]
        if !coverage.errors.isEmpty {
            results.append(rule.result(.error, "coverage is incomplete: " + summary, evidence: evidence))
        } else if totals.uncovered > 0 {
            results.append(rule.finding(summary, evidence: evidence))
        } else {
            results.append(rule.result(.pass, summary, evidence: evidence))
        }
        return results
    }

    static func format(_ percent: Double) -> String {
        let tenths = (percent * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
