import Foundation
import PreflightEngine

/// What changed between a baseline report (usually the pre-deployment run) and the current one: instances newly
/// covered or newly uncovered, results newly failing and failures resolved.
public struct BaselineDiff: Sendable, Equatable {
    /// An instance whose coverage verdict changed; `before` is nil when the baseline did not see it.
    public struct InstanceChange: Sendable, Equatable {
        public var accountId: String
        public var accountName: String?
        public var region: String
        public var instanceId: String
        public var before: CoverageVerdict?
        public var after: CoverageVerdict
        /// Why the instance is not covered now, if it is not.
        public var reason: CoverageReason?

        /// The account as people read it.
        var accountLabel: String { AccountLabel.account(accountId, name: accountName) }
    }

    public var baselinePhase: Phase
    public var baselineStartedAt: Date
    /// Covered now, not covered (or not seen) in the baseline.
    public var newlyCovered: [InstanceChange]
    /// Uncovered now, covered, excluded or not seen in the baseline.
    public var newlyUncovered: [InstanceChange]
    /// Failing now, with no failure for the same rule and subject (account, region, resource) in the baseline.
    public var newlyFailing: [CheckResult]
    /// The baseline's failures whose rule and subject have a result now and none failing.
    public var resolved: [CheckResult]

    public init(baseline: AuditReport, current: AuditReport) {
        baselinePhase = baseline.phase
        baselineStartedAt = baseline.startedAt
        let before = Dictionary(
            baseline.coverage.instances.map { ("\($0.accountId)/\($0.region)/\($0.instanceId)", $0.verdict) },
            uniquingKeysWith: { first, _ in first })
        var covered: [InstanceChange] = []
        var uncovered: [InstanceChange] = []
        for instance in current.coverage.instances {
            let previous = before["\(instance.accountId)/\(instance.region)/\(instance.instanceId)"]
            guard previous != instance.verdict, instance.verdict != .excluded else { continue }
            let change = InstanceChange(
                accountId: instance.accountId, accountName: instance.accountName, region: instance.region,
                instanceId: instance.instanceId, before: previous,
                after: instance.verdict, reason: instance.reason)
            if instance.verdict == .covered { covered.append(change) } else { uncovered.append(change) }
        }
        newlyCovered = covered
        newlyUncovered = uncovered
        let failedBefore = Set(baseline.results.filter { $0.status == .fail }.map(\.subjectKey))
        let failingNow = Set(current.results.filter { $0.status == .fail }.map(\.subjectKey))
        let checkedNow = Set(current.results.map(\.subjectKey))
        newlyFailing = current.results.filter { $0.status == .fail && !failedBefore.contains($0.subjectKey) }
        resolved = baseline.results.filter {
            $0.status == .fail && checkedNow.contains($0.subjectKey) && !failingNow.contains($0.subjectKey)
        }
    }

    /// Nothing changed.
    public var isEmpty: Bool {
        newlyCovered.isEmpty && newlyUncovered.isEmpty && newlyFailing.isEmpty && resolved.isEmpty
    }

    /// `3 instances newly covered, 1 newly uncovered, 2 results newly failing, 1 resolved`.
    public var headline: String {
        func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }
        return [
            count(newlyCovered.count, "instance newly covered", "instances newly covered"),
            "\(newlyUncovered.count) newly uncovered",
            count(newlyFailing.count, "result newly failing", "results newly failing"),
            "\(resolved.count) resolved",
        ].joined(separator: ", ")
    }
}
