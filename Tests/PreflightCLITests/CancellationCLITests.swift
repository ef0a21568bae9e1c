import EmulatorSupport
import Foundation
import Testing

/// `--timeout` and an interrupt (Ctrl-C) stop `preflight check` cleanly: the report of what finished is written,
/// every unfinished rule is an `error` saying it was cancelled, the status is incomplete and the exit code 3.
@Suite(.serialized) struct CancellationCLITests {
    let emulator: EmulatorProcess
    let cli: PreflightBinary
    let arguments: [String]

    init() throws {
        emulator = try EmulatorProcess()
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org.yaml")
        cli = try PreflightBinary(endpoint: emulator.endpoint)
        arguments = ["--parameters", try cli.sampleParameters(scenarioIds: ids), "--json", cli.file("report.json").path]
            + (try PreflightBinary.deployerArguments(scenarioIds: ids))
        try emulator.configure(["latencyMs": 1500])
    }

    func expectCancelledReport(_ run: PreflightBinary.Run, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(run.status == 3, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        let report = try cli.report("report.json")
        #expect(report["status"] as? String == "incomplete", sourceLocation: sourceLocation)
        let cancelled = report.reportResults.filter { ($0["evidence"] as? [String: Any])?["cancelled"] as? Bool == true }
        #expect(!cancelled.isEmpty, sourceLocation: sourceLocation)
        #expect(cancelled.allSatisfy { $0["status"] as? String == "error" && ($0["message"] as? String)?.contains("cancelled") == true },
                sourceLocation: sourceLocation)
        #expect(report.reportResults.contains { $0["ruleId"] as? String == "deployment-parameters" && $0["status"] as? String == "pass" },
                "the rules that finished are reported", sourceLocation: sourceLocation)
    }

    @Test func timeoutStopsTheRunAndReportsWhatFinished() throws {
        let run = try cli.run(["check", "--phase", "pre", "--timeout", "2"] + arguments)
        try expectCancelledReport(run)
        #expect(run.elapsed < .seconds(20), "took \(run.elapsed)")
        #expect(run.stderr.contains("--timeout"))
    }

    @Test func interruptStopsTheRunAndReportsWhatFinished() throws {
        let run = try cli.run(["check", "--phase", "pre"] + arguments, interruptAfter: .seconds(2))
        try expectCancelledReport(run)
        #expect(run.elapsed < .seconds(20), "took \(run.elapsed)")
        #expect(run.stderr.contains("interrupted"))
    }
}
