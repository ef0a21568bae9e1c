import EmulatorSupport
import Foundation
import Testing

/// A permission missing in one account or one region makes only what needs it an `error` naming the permission;
/// every other account and region is still audited, and the exit code says the run is incomplete (3), or 1 when
/// something else failed.
@Suite(.serialized) struct PartialAccessTests {
    let emulator: EmulatorProcess
    let accounts: [String: String]
    let cli: PreflightBinary
    let arguments: [String]

    init() throws {
        emulator = try EmulatorProcess()
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org.yaml")
        accounts = (try JSONSerialization.jsonObject(with: ids) as? [String: Any])?["accounts"] as? [String: String] ?? [:]
        cli = try PreflightBinary(endpoint: emulator.endpoint)
        arguments = ["--parameters", try cli.sampleParameters(scenarioIds: ids)] + (try PreflightBinary.deployerArguments(scenarioIds: ids))
    }

    func check(denying rule: [String: Any]?) throws -> (PreflightBinary.Run, [[String: Any]], [String: Any]) {
        try emulator.configure(["rules": rule.map { [$0] } ?? []])
        defer { _ = try? emulator.configure(["rules": [[String: Any]]()]) }
        let run = try cli.run(["check", "--phase", "pre", "--json", cli.file("report.json").path, "--quiet"] + arguments)
        let report = try cli.report("report.json")
        return (run, report.reportResults, report)
    }

    /// Each result as `ruleId account region resource: status`, sorted, for the results `include` selects.
    func verdicts(_ results: [[String: Any]], where include: ([String: Any]) -> Bool) -> [String] {
        results.filter(include).map { result in
            ["ruleId", "accountId", "region", "resource"].map { result[$0] as? String ?? "-" }.joined(separator: " ")
                + ": \(result["status"] as? String ?? "?")"
        }.sorted()
    }

    /// The exit code a report implies: 1 with a failure, else 3 with an error.
    func expectIncompleteExit(_ run: PreflightBinary.Run, _ report: [String: Any]) {
        let summary = report["summary"] as? [String: Int] ?? [:]
        #expect((summary["error"] ?? 0) > 0)
        #expect(run.status == ((summary["fail"] ?? 0) > 0 ? 1 : 3), "stderr: \(run.stderr)")
        #expect(report["status"] as? String == ((summary["fail"] ?? 0) > 0 ? "fail" : "incomplete"))
    }

    @Test func assumeRoleDeniedInOneAccount() throws {
        let dev = try #require(accounts["dev"])
        let (run, results, report) = try check(denying: [
            "action": "accessDenied", "service": "sts", "operation": "AssumeRole",
            "params": ["RoleArn": "arn:aws:iam::\(dev):role/OrganizationAccountAccessRole"],
        ])
        expectIncompleteExit(run, report)
        let devErrors = results.filter { $0["accountId"] as? String == dev && $0["status"] as? String == "error" }
        #expect(!devErrors.isEmpty)
        for result in devErrors {
            let evidence = result["evidence"] as? [String: Any]
            #expect(evidence?["missingPermission"] as? String == "sts:AssumeRole", "\(result)")
            #expect((result["remediation"] as? String)?.contains("{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\"") == true)
            #expect((result["message"] as? String)?.contains("OrganizationAccountAccessRole") == true)
        }
        #expect(!results.contains { $0["accountId"] as? String == dev && $0["status"] as? String == "pass" && $0["region"] != nil })
        let (_, clean, _) = try check(denying: nil)
        let elsewhere: ([String: Any]) -> Bool = { $0["accountId"] as? String != dev }
        #expect(verdicts(results, where: elsewhere) == verdicts(clean, where: elsewhere), "the other accounts are audited as usual")
        #expect(verdicts(clean, where: { $0["accountId"] as? String == dev && $0["region"] != nil }).count > 2)
    }

    @Test func describeInstanceInformationDeniedInOneRegion() throws {
        let web = try #require(accounts["web-prod"])
        let (run, results, report) = try check(denying: [
            "action": "accessDenied", "service": "ssm", "operation": "DescribeInstanceInformation",
            "region": "eu-west-1", "accountId": web,
        ])
        expectIncompleteExit(run, report)
        let agent = results.filter { $0["ruleId"] as? String == "ssm-agent" }
        let denied = agent.filter { $0["accountId"] as? String == web && $0["region"] as? String == "eu-west-1" }
        #expect(denied.count == 1)
        #expect(denied.allSatisfy { $0["status"] as? String == "error" })
        #expect((denied.first?["evidence"] as? [String: Any])?["missingPermission"] as? String == "ssm:DescribeInstanceInformation")
        #expect((denied.first?["remediation"] as? String)?.contains(
            "{\"Effect\": \"Allow\", \"Action\": \"ssm:DescribeInstanceInformation\", \"Resource\": \"*\"}") == true)
        let errors = results.filter { $0["status"] as? String == "error" }
        #expect(errors.allSatisfy { $0["accountId"] as? String == web && $0["region"] as? String == "eu-west-1" }, "\(errors)")
        let (_, clean, _) = try check(denying: nil)
        let elsewhere: ([String: Any]) -> Bool = { $0["accountId"] as? String != web || $0["region"] as? String != "eu-west-1" }
        #expect(verdicts(results, where: elsewhere) == verdicts(clean, where: elsewhere), "the other regions are audited as usual")
        #expect(agent.contains { $0["accountId"] as? String == web && $0["region"] as? String == "us-east-1" && $0["status"] as? String == "pass" })
    }
}
