import AWSCore
import EmulatorSupport
import Foundation
@testable import PreflightEngine
import Testing

/// Injected AWS faults (throttling, 5xx, resets, truncated, slow and malformed answers) may turn results into
/// `error`, never into another verdict: the audit never passes what a clean run does not.
@Suite(.serialized) struct FaultInjectionTests {
    static let faultKinds = ["throttle", "500", "503", "reset", "truncate", "slow", "malformed"]

    /// The regions of the post phase's short run: every region of the deployed sample with an instance or a gap.
    static let postRegions: [Region] = ["us-east-1", "eu-west-1", "af-south-1", "us-west-2", "eu-central-1", "sa-east-1"]

    @Test func faultsTurnResultsIntoErrorsOnly() async throws {
        let emulator = try EmulatorProcess(arguments: ["--slow-ms", "2500"])
        let (audit, parameters) = try EmulatorAudit.sample(emulator, attemptTimeout: .seconds(1.5))
        try await Self.expectFaultsTurnResultsIntoErrorsOnly(.pre, audit: audit, emulator: emulator, seeds: 1...3) {
            $0.parameters = parameters
        }
    }

    /// The post phase against the deployed sample (the long matrix of both phases is scripts/fault-matrix).
    @Test func faultsTurnPostPhaseResultsIntoErrorsOnly() async throws {
        let emulator = try EmulatorProcess(arguments: ["--slow-ms", "2500"])
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org-deployed.yaml")
        let audit = EmulatorAudit(
            endpoint: emulator.endpoint, attemptTimeout: .seconds(1.5), deployerArn: try EmulatorAudit.deployerArn(scenarioIds: ids))
        try await Self.expectFaultsTurnResultsIntoErrorsOnly(.post, audit: audit, emulator: emulator, seeds: 11...12) {
            $0.regions = Self.postRegions
        }
    }

    /// A clean run of `phase`, then one run per seed with 30 % of the requests faulted: every faulted result keeps
    /// the clean verdict or is `error` (a run whose identity lookup failed is one `error` for everything), and some
    /// faults reach a result.
    static func expectFaultsTurnResultsIntoErrorsOnly(
        _ phase: Phase, audit: EmulatorAudit, emulator: EmulatorProcess, seeds: ClosedRange<Int>,
        configure: @escaping (inout AuditOptions) -> Void
    ) async throws {
        // The reference run has no fault to time out: a loaded machine may answer it slowly, and only the faulted
        // runs need the attempt timeout below the slow fault's delay.
        var reference = audit
        reference.attemptTimeout = .seconds(10)
        let clean = try await reference.run(phase, configure: configure)
        #expect(clean.summary.error == 0, "the clean run has errors: \(clean.results.filter { $0.status == .error })")
        #expect(clean.summary.pass > 0 && clean.summary.fail > 0)

        var injected = 0
        var turned = 0
        for seed in seeds {
            try emulator.configure(["faultRate": 0.3, "faultSeed": seed, "faults": faultKinds])
            let faulted = try await audit.run(phase, configure: configure)
            injected += try emulator.configuration()["faultsInjected"] as? Int ?? 0
            try emulator.configure(["faultRate": 0, "faults": [String]()])
            let comparison = VerdictComparison(clean: clean, faulted: faulted)
            #expect(comparison.mismatches == [], "\(phase) seed \(seed)")
            #expect(faulted.status != .pass)
            turned += comparison.turnedToError
        }
        #expect(injected > 7 * seeds.count, "\(phase): \(injected) faults injected")
        #expect(turned > 0, "no fault reached a result: the faults were not injected where it matters")
    }

    @Test func comparisonReportsAFalsePassAVanishedResultAndAChangedCoverage() {
        let fail = CheckResult(
            ruleId: "ssm-agent", title: "t", status: .fail, severity: .fail, accountId: "111111111111", region: "us-east-1",
            resource: "i-1", message: "agent lost")
        let other = CheckResult(
            ruleId: "ssm-agent", title: "t", status: .pass, severity: .fail, accountId: "222222222222", region: "us-east-1",
            resource: "i-2", message: "online")
        let covered = InstanceCoverage(accountId: "1", region: "r", instanceId: "i-1", verdict: .covered, reason: nil)
        let clean = Self.report([fail, other], coverage: [covered])
        var falsePass = fail
        falsePass.status = .pass
        var uncovered = covered
        uncovered.verdict = .uncovered
        uncovered.reason = .pingLost
        let comparison = VerdictComparison(clean: clean, faulted: Self.report([falsePass], coverage: [uncovered]))
        #expect(comparison.mismatches.count == 3)
        #expect(comparison.mismatches.contains { $0.contains("pass (clean: fail)") })
        #expect(comparison.mismatches.contains { $0.contains("222222222222") && $0.contains("missing") })
        #expect(comparison.mismatches.contains { $0.hasPrefix("coverage") })

        var error = fail
        error.status = .error
        let accountError = CheckResult(
            ruleId: "ssm-agent", title: "t", status: .error, severity: .fail, accountId: "222222222222", message: "denied")
        let tolerated = VerdictComparison(clean: clean, faulted: Self.report([error, accountError], coverage: []))
        #expect(tolerated.mismatches == [])
        #expect(tolerated.turnedToError == 2)

        var elsewhere = accountError
        elsewhere.accountId = "333333333333"
        let notCovering = VerdictComparison(clean: clean, faulted: Self.report([fail, elsewhere], coverage: []))
        #expect(notCovering.mismatches.count == 1 && notCovering.mismatches[0].contains("222222222222"))
    }

    /// A subject with several results (an account-wide rule's findings): a pass in place of its fail is a mismatch
    /// although the subject also passes elsewhere; an error in its place is not.
    @Test func comparisonReportsAFlippedResultOfASubjectWithSeveralResults() {
        let fail = CheckResult(
            ruleId: "iam-roles", title: "t", status: .fail, severity: .fail, accountId: "111111111111", message: "missing role")
        let pass = CheckResult(
            ruleId: "iam-roles", title: "t", status: .pass, severity: .fail, accountId: "111111111111", message: "trust policy")
        let clean = Self.report([fail, pass], coverage: [])
        var flipped = fail
        flipped.status = .pass
        let comparison = VerdictComparison(clean: clean, faulted: Self.report([flipped, pass], coverage: []))
        #expect(comparison.mismatches.count == 1)
        #expect(comparison.mismatches.first?.contains("pass (clean: fail, pass)") == true, "\(comparison.mismatches)")

        let dropped = VerdictComparison(clean: clean, faulted: Self.report([pass], coverage: []))
        #expect(dropped.mismatches.count == 1 && dropped.mismatches[0].contains("missing without an error result (1 fail)"))

        var error = fail
        error.status = .error
        let tolerated = VerdictComparison(clean: clean, faulted: Self.report([pass, error], coverage: []))
        #expect(tolerated.mismatches == [])
        #expect(tolerated.turnedToError == 1)
    }

    /// A faulted run that lost its identity lookup reports one `aws-identity` error: nothing passed falsely.
    @Test func comparisonTakesAnIdentityFailureAsEveryResultTurnedToError() {
        let pass = CheckResult(
            ruleId: "caller-account", title: "t", status: .pass, severity: .fail, accountId: "111111111111", message: "ok")
        let fail = CheckResult(ruleId: "ssm-agent", title: "t", status: .fail, severity: .fail, accountId: "2", message: "lost")
        let identity = CheckResult(
            ruleId: AuditRunner.identityRuleId, title: "t", status: .error, severity: .fail, message: "sts:GetCallerIdentity timed out")
        let comparison = VerdictComparison(clean: Self.report([pass, fail], coverage: []), faulted: Self.report([identity], coverage: []))
        #expect(comparison.mismatches == [])
        #expect(comparison.turnedToError == 2)
        var passing = identity
        passing.status = .pass
        #expect(VerdictComparison(clean: Self.report([pass, fail], coverage: []), faulted: Self.report([passing], coverage: [])).mismatches.count == 3)
    }

    static func report(_ results: [CheckResult], coverage: [InstanceCoverage]) -> AuditReport {
        AuditReport(
            tool: .init(name: "preflight", version: "test"), phase: .pre, startedAt: Date(), finishedAt: Date(),
            caller: .init(), organization: .init(), results: results,
            coverage: .init(totals: CoverageTotals(coverage), instances: coverage))
    }
}
