import AWSCore
import Foundation

/// Runs the rules of one phase concurrently against an `AuditContext` and assembles the report.
public struct AuditRunner: Sendable {
    /// The message of the `error` result of a rule that had not finished when the run was cancelled.
    public static let cancelledMessage = "not evaluated: the run was cancelled (--timeout or interrupt) before this check finished"
    /// The rule id of the run's only result when no AWS identity works: no rule can be evaluated without one.
    public static let identityRuleId = "aws-identity"

    let rules: [Rule]

    /// `rules` are filtered to those of the context's phase when run.
    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// Runs every rule of the phase and returns the report.
    ///
    /// When the calling task is cancelled (a deadline, an interrupt), the run stops at once and makes no further AWS
    /// call: the report holds the results of the rules that finished, one `error` result per rule that did not, and
    /// no coverage.
    public func run(context: AuditContext) async -> AuditReport {
        let startedAt = Date()
        let selected = rules.filter { $0.phases.contains(context.options.phase) }
        let order = Dictionary(uniqueKeysWithValues: selected.enumerated().map { ($1.id, $0) })
        let collector = Collector(count: selected.count)
        // One identity for the whole run, read as the rules start (they all wait for the same lookup): without one,
        // the run stops at once and its report is one sentence, not one error per rule.
        let identity = IdentityFailure()
        let identityTask = Task {
            if case .failure(let error) = await AuditError.catching({ () async throws(AuditError) in
                try await context.principals.caller()
            }) {
                identity.record(error)
                context.stop()
                collector.stop()
            }
        }
        let readers = selected.filter(\.check.readsInventories).map { InventoryReader.rule(id: $0.id) }
        await context.inventory.register(readers + [.coverage])
        // Coverage reads the same inventories as the checks, as they arrive: no work is left for after the last
        // check, and each account's inventories can be freed as soon as the checks are done with it.
        let coverageTask = Task {
            await CoverageCalculator(context: context).compute()
        }
        let tasks = selected.enumerated().map { index, rule in
            Task {
                var results = await rule.run(in: context)
                await context.inventory.settle(.rule(id: rule.id))
                // Sorted here, while other rules still run, so that ordering the report at the end is linear.
                results.sort(by: Self.precedes)
                collector.finish(index, results)
            }
        }
        var finished = await withTaskCancellationHandler {
            await collector.wait()
        } onCancel: {
            context.stop()
            collector.stop()
            tasks.forEach { $0.cancel() }
            coverageTask.cancel()
            identityTask.cancel()
        }
        // The rules that needed the identity may have finished with its failure before the lookup's own task
        // recorded it: the report is decided once that task is done.
        if !Task.isCancelled { await identityTask.value }
        if let error = identity.error, !Task.isCancelled {
            tasks.forEach { $0.cancel() }
            coverageTask.cancel()
            return identityFailure(error, context: context, startedAt: startedAt)
        }
        let cancelled = finished.count < selected.count
        var sorted = Self.ordered(&finished, rules: selected, order: order)
        let coverage: Coverage
        let caller: Caller?
        let principal: String?
        let organization: OrganizationSnapshot?
        if cancelled {
            coverage = Coverage(instances: [], errors: [])
            caller = await context.principals.knownCaller
            principal = nil
            organization = await context.organization.knownOrganization
        } else {
            coverage = await coverageTask.value
            caller = try? await context.principals.caller()
            principal = try? await context.principals.deployerArn()
            organization = try? await context.organization.organization()
        }
        organization?.name(results: &sorted)
        return AuditReport(
            tool: .init(name: "preflight", version: ToolVersion.current), phase: context.options.phase,
            startedAt: startedAt, finishedAt: Date(),
            caller: .init(accountId: caller?.account.rawValue, arn: caller?.arn.description, principalArn: principal),
            organization: .init(id: organization?.id, managementAccountId: organization?.managementAccountId.rawValue),
            results: sorted, coverage: .init(totals: coverage.totals, instances: coverage.instances),
            homeRegion: context.options.homeRegion.rawValue)
    }
}

extension AuditRunner {
    /// The report of a run whose caller has no identity: one `error` result saying why, and nothing else
    /// (`AuditReport.identityFailure`).
    func identityFailure(_ error: AuditError, context: AuditContext, startedAt: Date) -> AuditReport {
        let result = CheckResult(
            ruleId: Self.identityRuleId, title: "Preflight has an AWS identity (sts:GetCallerIdentity)", status: .error,
            severity: .fail, message: error.message, evidence: error.evidence,
            remediation: "Give Preflight credentials that STS accepts: --profile NAME (aws configure, or aws sso login "
                + "--profile NAME for IAM Identity Center), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
        return AuditReport(
            tool: .init(name: "preflight", version: ToolVersion.current), phase: context.options.phase,
            startedAt: startedAt, finishedAt: Date(), caller: .init(), organization: .init(),
            results: [result], coverage: .init(totals: Coverage(instances: [], errors: []).totals, instances: []),
            homeRegion: context.options.homeRegion.rawValue)
    }

    /// Every rule's results (an `error` result for a rule that did not finish) in rule order, then by account,
    /// region, resource and message. Each batch comes sorted by `precedes` from its rule's task, and is released
    /// once appended, so that no further copy of a large run's results is made.
    static func ordered(_ finished: inout [Int: [CheckResult]], rules: [Rule], order: [String: Int]) -> [CheckResult] {
        var results: [CheckResult] = []
        results.reserveCapacity(finished.values.reduce(rules.count) { $0 + $1.count })
        var grouped = true
        for (index, rule) in rules.enumerated() {
            let batch = finished.removeValue(forKey: index)
                ?? [rule.result(.error, cancelledMessage, evidence: ["cancelled": .bool(true)])]
            grouped = grouped && batch.allSatisfy { order[$0.ruleId] ?? 0 == index }
            results += batch
        }
        // A result under another rule's id is placed by that rule's position.
        if !grouped {
            results.sort { lhs, rhs in
                let (left, right) = (order[lhs.ruleId] ?? 0, order[rhs.ruleId] ?? 0)
                return left != right ? left < right : precedes(lhs, rhs)
            }
        }
        return results
    }

    /// The order of one rule's results: by account, region, resource and message.
    static func precedes(_ lhs: CheckResult, _ rhs: CheckResult) -> Bool {
        let (leftAccount, rightAccount) = (lhs.accountId ?? "", rhs.accountId ?? "")
        if leftAccount != rightAccount { return leftAccount < rightAccount }
        let (leftRegion, rightRegion) = (lhs.region ?? "", rhs.region ?? "")
        if leftRegion != rightRegion { return leftRegion < rightRegion }
        let (leftResource, rightResource) = (lhs.resource ?? "", rhs.resource ?? "")
        if leftResource != rightResource { return leftResource < rightResource }
        return lhs.message < rhs.message
    }

    /// The error of the run's identity lookup, once it has failed.
    private final class IdentityFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: AuditError?

        func record(_ error: AuditError) {
            lock.withLock { recorded = error }
        }

        var error: AuditError? { lock.withLock { recorded } }
    }

    /// The rules' results as they finish; `wait()` returns when all have finished or the run is stopped.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private let count: Int
        private var results: [Int: [CheckResult]] = [:]
        private var stopped = false
        private var waiter: CheckedContinuation<[Int: [CheckResult]], Never>?

        init(count: Int) {
            self.count = count
        }

        func finish(_ index: Int, _ batch: [CheckResult]) {
            lock.lock()
            guard !stopped else { return lock.unlock() }
            results[index] = batch
            resumeIfDone()
        }

        func stop() {
            lock.lock()
            stopped = true
            resumeIfDone()
        }

        func wait() async -> [Int: [CheckResult]] {
            await withCheckedContinuation { continuation in
                lock.lock()
                waiter = continuation
                resumeIfDone()
            }
        }

        /// Called with the lock held; releases it.
        private func resumeIfDone() {
            guard let waiter, stopped || results.count == count else { return lock.unlock() }
            self.waiter = nil
            stopped = true
            // Handed over, not shared: the report sorts each batch in place without a copy.
            let snapshot = results
            results = [:]
            lock.unlock()
            waiter.resume(returning: snapshot)
        }
    }
}
