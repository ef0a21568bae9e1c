import PreflightEngine

/// Compares a report made under injected faults with the clean report of the same organization: a fault may turn
/// a result into `error`, never into another verdict, and may not make a result vanish without an `error` in its
/// place; an instance's coverage verdict never changes. Messages may differ (an aggregate counts fewer places when
/// some errored).
struct VerdictComparison {
    /// A result's subject.
    struct Subject: Hashable, CustomStringConvertible {
        var ruleId: String
        var accountId: String?
        var region: String?
        var resource: String?

        init(_ result: CheckResult) {
            self.init(ruleId: result.ruleId, accountId: result.accountId, region: result.region, resource: result.resource)
        }

        init(ruleId: String, accountId: String?, region: String?, resource: String?) {
            self.ruleId = ruleId
            self.accountId = accountId
            self.region = region
            self.resource = resource
        }

        var description: String {
            [ruleId, accountId ?? "-", region ?? "-", resource ?? "-"].joined(separator: " ")
        }
    }

    /// Every difference that is not a result turned to `error`.
    private(set) var mismatches: [String] = []
    /// Results that are `error` under faults beyond the clean run's `error` results of their subject.
    private(set) var turnedToError = 0

    init(clean: AuditReport, faulted: AuditReport) {
        // A run that had no identity evaluated nothing and says so in its one result: every clean result is an error.
        if faulted.results.count == 1, faulted.results[0].ruleId == AuditRunner.identityRuleId, faulted.results[0].status == .error {
            turnedToError = clean.results.filter { $0.status != .error }.count
            return
        }
        // Each faulted result takes one clean result of its subject and status: a subject's results are a multiset,
        // so a pass in place of the subject's fail is a mismatch even when the subject also has a pass.
        var unmatched: [Subject: [CheckStatus: Int]] = [:]
        var cleanStatuses: [Subject: [CheckStatus]] = [:]
        for result in clean.results {
            unmatched[Subject(result), default: [:]][result.status, default: 0] += 1
            cleanStatuses[Subject(result), default: []].append(result.status)
        }
        var errors: Set<Subject> = []
        var flipped: [Subject: Int] = [:]
        for result in faulted.results {
            let subject = Subject(result)
            if result.status == .error { errors.insert(subject) }
            if unmatched[subject]?[result.status, default: 0] ?? 0 > 0 {
                unmatched[subject]?[result.status]? -= 1
            } else if result.status == .error {
                turnedToError += 1
            } else {
                flipped[subject, default: 0] += 1
                let was = (cleanStatuses[subject] ?? []).map(\.rawValue).joined(separator: ", ")
                mismatches.append("\(subject): \(result.status.rawValue) (clean: \(was.isEmpty ? "absent" : was)): \(result.message)")
            }
        }
        for (subject, statuses) in unmatched {
            // A flipped result is reported above, in place of the clean result it took the place of.
            let missing = statuses.filter { $0.key != .error && $0.value > 0 }
            if missing.values.reduce(0, +) <= flipped[subject, default: 0] { continue }
            // An error covers a result it replaced when its scope includes it: the same rule, the same or no account
            // and region, any resource; a rule-wide result (no account, e.g. an aggregate) by any error of the rule.
            let covered = errors.contains { error in
                error.ruleId == subject.ruleId
                    && (subject.accountId == nil
                        || ([nil, subject.accountId].contains(error.accountId) && [nil, subject.region].contains(error.region)))
            }
            if !covered {
                let counts = missing.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
                mismatches.append("\(subject): missing without an error result (\(counts))")
            }
        }
        var verdicts: [String: InstanceCoverage] = [:]
        for instance in clean.coverage.instances {
            verdicts["\(instance.accountId)/\(instance.region)/\(instance.instanceId)"] = instance
        }
        for instance in faulted.coverage.instances {
            let key = "\(instance.accountId)/\(instance.region)/\(instance.instanceId)"
            let before = verdicts[key]
            if before?.verdict != instance.verdict || before?.reason != instance.reason {
                mismatches.append(
                    "coverage \(key): \(instance.verdict.rawValue) \(instance.reason?.rawValue ?? "") "
                        + "(clean: \(before.map { "\($0.verdict.rawValue) \($0.reason?.rawValue ?? "")" } ?? "absent"))")
            }
        }
        mismatches.sort()
    }
}
