import PreflightEngine

/// Merges the reports of shards of one run (the same phase and organization, different accounts or regions) into
/// one: the union of the results without duplicates, the union of the instances, and the summary, status and
/// coverage totals recomputed; it started with the first shard and finished with the last.
public enum ReportMerger {
    /// Merges `reports`, named in errors by `names` (default `report 1`, `report 2`, …).
    public static func merge(_ reports: [AuditReport], names: [String] = []) throws(ReportMergeError) -> AuditReport {
        guard let first = reports.first else { throw ReportMergeError(description: "no report to merge") }
        func name(_ index: Int) -> String { index < names.count ? names[index] : "report \(index + 1)" }
        for (index, report) in reports.enumerated() {
            if report.phase != first.phase {
                throw ReportMergeError(
                    description: "cannot merge reports of different phases: \(name(0)) is \(first.phase.rawValue),"
                        + " \(name(index)) is \(report.phase.rawValue)")
            }
            if let id = report.organization.id, let firstId = first.organization.id, id != firstId {
                throw ReportMergeError(
                    description: "cannot merge reports of different organizations: \(name(0)) is \(firstId),"
                        + " \(name(index)) is \(id)")
            }
        }
        var results: [CheckResult] = []
        var seen = Set<String>()
        var ruleOrder: [String: Int] = [:]
        for result in reports.flatMap(\.results) where seen.insert(identity(result)).inserted {
            results.append(result)
            if ruleOrder[result.ruleId] == nil { ruleOrder[result.ruleId] = ruleOrder.count }
        }
        results.sort {
            (ruleOrder[$0.ruleId]!, $0.accountId ?? "", $0.region ?? "", $0.resource ?? "", $0.message)
                < (ruleOrder[$1.ruleId]!, $1.accountId ?? "", $1.region ?? "", $1.resource ?? "", $1.message)
        }
        var instances: [String: InstanceCoverage] = [:]
        for instance in reports.flatMap(\.coverage.instances) {
            let key = "\(instance.accountId)/\(instance.region)/\(instance.instanceId)"
            if let existing = instances[key], rank(existing.verdict) >= rank(instance.verdict) { continue }
            instances[key] = instance
        }
        let sortedInstances = instances.values.sorted {
            ($0.accountId, $0.region, $0.instanceId) < ($1.accountId, $1.region, $1.instanceId)
        }
        return AuditReport(
            tool: first.tool, phase: first.phase, startedAt: reports.map(\.startedAt).min()!,
            finishedAt: reports.map(\.finishedAt).max()!,
            caller: .init(
                accountId: reports.lazy.compactMap(\.caller.accountId).first, arn: reports.lazy.compactMap(\.caller.arn).first,
                principalArn: reports.lazy.compactMap(\.caller.principalArn).first),
            organization: .init(
                id: reports.lazy.compactMap(\.organization.id).first,
                managementAccountId: reports.lazy.compactMap(\.organization.managementAccountId).first),
            results: results,
            coverage: .init(totals: CoverageTotals(sortedInstances), instances: sortedInstances),
            homeRegion: reports.lazy.compactMap(\.homeRegion).first)
    }

    /// Every field of a result: equal identities are identical results.
    static func identity(_ result: CheckResult) -> String {
        [result.subjectKey, result.status.rawValue, result.severity.rawValue, result.title, result.message,
         result.remediation ?? "\u{0}", result.evidenceJSON ?? ""].joined(separator: "\u{1F}")
    }

    /// When shards disagree about an instance, the least favourable verdict wins.
    static func rank(_ verdict: CoverageVerdict) -> Int {
        switch verdict {
        case .covered: 0
        case .excluded: 1
        case .uncovered: 2
        }
    }
}
