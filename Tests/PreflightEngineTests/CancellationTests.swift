import EmulatorSupport
import Foundation
import PreflightEngine
import Testing

/// A cancelled audit (deadline, interrupt) returns at once with what finished and an `error` per unfinished rule.
@Suite(.serialized) struct CancellationTests {
    @Test func cancelledRunReportsFinishedRulesAndMarksTheRest() async throws {
        let emulator = try EmulatorProcess()
        let (audit, parameters) = try EmulatorAudit.sample(emulator, attemptTimeout: .seconds(60))
        let complete = try await audit.run(.pre, parameters: parameters)
        #expect(!complete.results.contains { $0.message == AuditRunner.cancelledMessage })
        #expect(!complete.coverage.instances.isEmpty)
        #expect(complete.caller.accountId == "123456789012")

        // Every call now takes 20 s: a run that waited for its calls in flight would stop 17 s or more after the
        // cancel; one that stops at once takes a fraction of that, however loaded the machine is.
        try emulator.configure(["latencyMs": 20_000])
        let clock = ContinuousClock()
        let (report, stopped) = try await audit.withContext(.pre, parameters: parameters) { context, rules in
            let run = Task { await AuditRunner(rules: rules).run(context: context) }
            try await Task.sleep(for: .seconds(3))
            let cancelledAt = clock.now
            run.cancel()
            let report = await run.value
            return (report, clock.now - cancelledAt)
        }
        #expect(stopped < .seconds(12), "the run took \(stopped) to stop")
        // The cancel came mid-run: the rule that needs no call had finished, those waiting for calls had not.
        let cancelled = report.results.filter { $0.message == AuditRunner.cancelledMessage }
        #expect(!cancelled.isEmpty, "the run had finished before the cancel")
        #expect(cancelled.allSatisfy { $0.status == .error && $0.evidence["cancelled"] == .bool(true) })
        #expect(Set(cancelled.map(\.ruleId)).count == cancelled.count, "one cancelled result per unfinished rule")
        let finished = report.results.filter { $0.ruleId == "deployment-parameters" }
        #expect(!finished.isEmpty && finished.allSatisfy { $0.message != AuditRunner.cancelledMessage })
        #expect(report.status != .pass)
        #expect(report.summary.error >= cancelled.count)
        #expect(report.coverage.instances.isEmpty)
    }

    @Test func cancelledRunMakesNoFurtherCalls() async throws {
        let emulator = try EmulatorProcess()
        let (audit, parameters) = try EmulatorAudit.sample(emulator, attemptTimeout: .seconds(60))
        // Every call takes 1 s, so that the lookups the rules share (organization, inventories) are still going when
        // the run is cancelled; they run in tasks of their own, which the cancel does not reach.
        try emulator.configure(["latencyMs": 1_000])
        let (report, atCancel, settled, later) = try await audit.withContext(.pre, parameters: parameters) { context, rules in
            let run = Task { await AuditRunner(rules: rules).run(context: context) }
            try await Task.sleep(for: .seconds(3))
            let atCancel = try emulator.calls().values.reduce(0, +)
            run.cancel()
            let report = await run.value
            // The calls in flight at the cancel end within their second; the HTTP client is still open, so any call
            // made after that would reach the emulator.
            try await Task.sleep(for: .seconds(2))
            let settled = try emulator.calls().values.reduce(0, +)
            try await Task.sleep(for: .seconds(4))
            return (report, atCancel, settled, try emulator.calls().values.reduce(0, +))
        }
        // The cancel came mid-run: calls had been answered, others were still in flight, and rules were unfinished.
        #expect(atCancel > 0, "no call had been answered 3 s into the run")
        #expect(settled > atCancel, "no call was in flight at the cancel")
        #expect(report.results.contains { $0.message == AuditRunner.cancelledMessage }, "the run had finished before the cancel")
        #expect(later == settled, "\(later - settled) calls were made after the run was cancelled")
    }
}
