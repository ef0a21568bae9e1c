import AWSCore

/// `agent-coverage`: the association's latest outcome on every running instance; one result per uncovered
/// instance and a summary with the coverage percentage.
struct AgentCoverageCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "agent-coverage"
    static let summary =
        "For every running instance of every targeted account and deployment region, the association's latest"
        + " outcome on it; the instances it cannot reach (management account, accounts in no OU, regions "
        + "outside the 16, instances not managed by SSM) are reported with the reason."
    static let auditorPermissions = CoverageCalculator.auditorPermissions

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let coverage = await CoverageCalculator(context: context).compute()
        let totals = coverage.totals
        let eligible = totals.covered + totals.uncovered
        let percent = eligible == 0 ? 100 : Double(totals.covered) * 100 / Double(eligible)
        let summary = "\(totals.covered) of \(eligible) eligible running instances covered (\(Self.format(percent))%), \(totals.excluded) excluded"
        let evidence: [String: JSONValue] = [
            "covered": .number(Double(totals.covered)), "uncovered": .number(Double(totals.uncovered)),
            "excluded": .number(Double(totals.excluded)), "percent": .number(percent),
        ]
        let overall = if !coverage.errors.isEmpty {
            rule.result(.error, "coverage is incomplete: " + summary, evidence: evidence)
        } else if totals.uncovered > 0 {
            rule.finding(summary, evidence: evidence)
        } else {
            rule.result(.pass, summary, evidence: evidence)
        }
        // In the report's order when nothing failed (the overall result has no account, then by account, region and
        // instance, as coverage is), so that sorting them finds them sorted.
        var results = [overall]
        results.reserveCapacity(1 + coverage.errors.count + totals.uncovered)
        results += coverage.errors.map { rule.error($0.error, account: $0.account, region: $0.region) }
        // One evidence dictionary per reason, shared by all the results with that reason.
        var evidenceByReason: [CoverageReason?: [String: JSONValue]] = [:]
        for instance in coverage.instances where instance.verdict == .uncovered {
            let reason = instance.reason
            let evidence: [String: JSONValue]
            if let shared = evidenceByReason[reason] {
                evidence = shared
            } else {
                evidence = ["reason": .string(reason?.rawValue ?? "")]
                evidenceByReason[reason] = evidence
            }
            results.append(rule.finding(
                "instance \(instance.instanceId) is not covered: \(reason?.rawValue ?? "unknown")",
                account: AccountID(rawValue: instance.accountId), region: Region(rawValue: instance.region),
                resource: instance.instanceId,
                evidence: evidence))
        }
        return results
    }

    static func format(_ percent: Double) -> String {
        let tenths = (percent * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
