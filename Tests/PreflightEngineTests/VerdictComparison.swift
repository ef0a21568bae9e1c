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
    /// Results that are `error` under faults but were not in the clean run.
    private(set) var turnedToError = 0

    init(clean: AuditReport, faulted: AuditReport) {
        var expected: [Subject: [CheckStatus]] = [:]
        for result in clean.results {
            expected[Subject(result), default: []].append(result.status)
        }
        var seen: Set<Subject> = []
        var errors: Set<Subject> = []
        for result in faulted.results {
            let subject = Subject(result)
            seen.insert(subject)
            let before = expected[subject] ?? []
            if result.status == .error {
                errors.insert(subject)
                if !before.contains(.error) { turnedToError += 1 }
            } else if !before.contains(result.status) {
                let was = before.map(\.rawValue).joined(separator: ", ")
                mismatches.append("\(subject): \(result.status.rawValue) (clean: \(was.isEmpty ? "absent" : was)): \(result.message)")
            }
        }
        for subject in expected.keys where !seen.contains(subject) {
            // An error covers a vanished result when its scope includes it: the same rule, the same or no account
            // and region, any resource; a rule-wide result (no account, e.g. an aggregate) by any error of the rule.
            let covered = errors.contains { error in
                error.ruleId == subject.ruleId
                    && (subject.accountId == nil
                        || ([nil, subject.accountId].contains(error.accountId) && [nil, subject.region].contains(error.region)))
            }
            if !covered {
                mismatches.append("\(subject): missing without an error result")
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
