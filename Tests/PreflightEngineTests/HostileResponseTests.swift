import EmulatorSupport
import Foundation
import PreflightEngine
import Testing

/// Hostile AWS answers (page tokens that loop, values of the wrong type, oversized XML) end as `error` results
/// for what they touch, never as another verdict, a hang or a crash.
@Suite(.serialized) struct HostileResponseTests {
    let emulator: EmulatorProcess
    let parameters: DeploymentParameters
    let audit: EmulatorAudit

    init() throws {
        emulator = try EmulatorProcess()
        (audit, parameters) = try EmulatorAudit.sample(emulator, attemptTimeout: .seconds(20))
    }

    /// Runs the pre-phase audit clean, then with `rules`, and returns the comparison and the run under the rules.
    func audit(under rules: [[String: Any]]) async throws -> (VerdictComparison, AuditReport, Duration) {
        try emulator.configure(["rules": [[String: Any]]()])
        let clean = try await audit.run(.pre, parameters: parameters)
        try emulator.configure(["rules": rules])
        let clock = ContinuousClock()
        let started = clock.now
        let hostile = try await audit.run(.pre, parameters: parameters)
        let elapsed = clock.now - started
        try emulator.configure(["rules": [[String: Any]]()])
        return (VerdictComparison(clean: clean, faulted: hostile), hostile, elapsed)
    }

    @Test(arguments: [("ssm", "DescribeInstanceInformation"), ("ec2", "DescribeInstances")])
    func pageTokenLoopIsAnErrorNotAHang(service: String, operation: String) async throws {
        let (comparison, report, elapsed) = try await audit(under: [
            ["action": "tokenLoop", "service": service, "operation": operation]
        ])
        #expect(comparison.mismatches == [])
        #expect(comparison.turnedToError > 0)
        #expect(elapsed < .seconds(60))
        #expect(report.results.contains { $0.status == .error && $0.message.contains("page token") })
        let loops = try emulator.callLog().filter { $0["rule"] as? String == "tokenLoop" }
        #expect(loops.count < 500, "each pagination stops at the first repeated token")
    }

    @Test func valuesOfTheWrongTypeAreErrors() async throws {
        let (comparison, report, _) = try await audit(under: [
            ["action": "respond", "service": "ssm", "operation": "DescribeInstanceInformation",
             "body": #"{"InstanceInformationList": [{"InstanceId": 5, "PingStatus": ["Online"]}]}"#],
            ["action": "respond", "service": "ec2", "operation": "DescribeInstances",
             "body": #"<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><reservationSet><item>"#
                + "<instancesSet><item><instanceId>i-1</instanceId><instanceState><name><b>running</b></name>"
                + "</instanceState></item></instancesSet></item></reservationSet></DescribeInstancesResponse>"],
            ["action": "respond", "service": "organizations", "operation": "ListAccountsForParent",
             "body": #"{"Accounts": {"Id": "123456789012"}}"#],
        ])
        #expect(comparison.mismatches == [])
        #expect(comparison.turnedToError > 0)
        #expect(report.status != .pass)
    }

    @Test func oversizedXMLIsAnError() async throws {
        let (comparison, report, _) = try await audit(under: [
            ["action": "pad", "service": "ec2", "operation": "DescribeRegions", "bytes": 65 << 20]
        ])
        #expect(comparison.mismatches == [])
        #expect(comparison.turnedToError > 0)
        #expect(report.results.contains { $0.status == .error && $0.message.contains("larger than") })
    }

    /// libxml2's limits without `XML_PARSE_HUGE` (10 MB per text node or lookahead) refuse one huge token, not a
    /// large document: 16 MB of comments after the result decode.
    @Test func largeButAcceptedXMLAndJSONDecode() async throws {
        let (comparison, report, _) = try await audit(under: [
            ["action": "pad", "service": "ec2", "operation": "DescribeRegions", "bytes": 16 << 20, "text": "<!-- padding -->\n"],
            ["action": "pad", "service": "ssm", "operation": "DescribeInstanceInformation", "bytes": 4 << 20],
        ])
        #expect(comparison.mismatches == [])
        #expect(comparison.turnedToError == 0, "\(report.results.filter { $0.status == .error }.map(\.message).prefix(3))")
    }
}
