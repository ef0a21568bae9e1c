import EmulatorSupport
import Foundation
import Testing

/// Workload Security end to end: the real binary against the emulator's AWS and its fake Cloud One, on the deployed
/// sample organization as `sample-org-protected.yaml` sets up its agents.
@Suite(.serialized) struct WorkloadSecurityTests {
    let emulator: EmulatorProcess
    /// `ACCOUNT/REGION/NAME` → instance id.
    let instances: [String: String]
    let deployer: [String]
    static let key = "tmc-sample-api-key-not-a-secret"

    init() throws {
        emulator = try EmulatorProcess()
        let ids = try emulator.load(scenario: "Tests/Emulator/scenarios/sample-org-protected.yaml")
        instances = (try JSONSerialization.jsonObject(with: ids) as? [String: Any])?["instances"] as? [String: String] ?? [:]
        deployer = try PreflightBinary.deployerArguments(scenarioIds: ids)
    }

    func cli(key: String? = key, region: String = "us-1") throws -> PreflightBinary {
        var environment = ["CLOUDONE_ENDPOINT_URL": emulator.cloudOneEndpoint(region: region)]
        if let key { environment["CLOUDONE_API_KEY"] = key }
        return try PreflightBinary(endpoint: emulator.endpoint, environment: environment)
    }

    func post(_ cli: PreflightBinary, _ extra: [String] = ["--cloudone-region", "us-1"]) throws -> (PreflightBinary.Run, [String: Any]) {
        let run = try cli.run(["check", "--phase", "post", "--json", cli.file("report.json").path, "--quiet"] + deployer + extra)
        return (run, try cli.report("report.json"))
    }

    static func results(_ report: [String: Any], _ rule: String) -> [[String: Any]] {
        ((report["results"] as? [[String: Any]]) ?? []).filter { $0["ruleId"] as? String == rule }
    }

    func protection(_ report: [String: Any], _ name: String) -> [String: Any]? {
        let coverage = report["coverage"] as? [String: Any]
        let entry = (coverage?["instances"] as? [[String: Any]])?.first { $0["instanceId"] as? String == instances[name] }
        return entry?["workloadSecurity"] as? [String: Any]
    }

    @Test func joinsTheManagersComputersWithTheCoverage() throws {
        let cli = try cli()
        let (run, report) = try post(cli)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Self.results(report, "workload-security-api").map { $0["status"] as? String } == ["pass", "pass", "pass"])
        // The deployed sample lacks dsToken in one account and region; elsewhere the parameters are the manager's.
        let parameters = Self.results(report, "workload-security-parameters")
        let notPassing = parameters.filter { $0["status"] as? String != "pass" }
        #expect(parameters.count > 1 && notPassing.count == 1)
        #expect(notPassing.first?["message"] as? String == "SSM parameter dsToken is missing")
        let expected: [String: (String, String?)] = [
            "web-prod/us-east-1/web-online": ("protected", nil),
            "web-prod/us-east-1/web-no-policy": ("unprotected", "no-policy"),
            "web-prod/us-east-1/web-removed": ("unprotected", "agent-not-activated"),
            "web-prod/eu-west-1/web-eu-windows": ("protected", nil),
            "web-prod/us-west-2/web-oregon": ("unprotected", "agent-offline"),
            "dev/us-west-2/dev-oregon": ("unprotected", "agent-error"),
            "dev/eu-west-1/dev-online": ("protected", nil),
        ]
        for (name, (status, reason)) in expected {
            let entry = try #require(protection(report, name), "\(name)")
            #expect(entry["status"] as? String == status, "\(name)")
            #expect((entry["reason"] as? String) == reason, "\(name)")
            #expect(entry.keys.sorted() == ["agentStatus", "computerId", "lastCommunication", "reason", "status"], "\(name)")
        }
        let agents = Self.results(report, "workload-security-agents")
        let failed = agents.filter { $0["status"] as? String == "fail" }.compactMap { $0["resource"] as? String }
        for name in ["web-prod/us-east-1/web-no-policy", "web-prod/us-east-1/web-removed", "web-prod/us-west-2/web-oregon", "dev/us-west-2/dev-oregon"] {
            #expect(failed.contains(try #require(instances[name])), "\(name)")
        }
        let stale = agents.filter { ($0["evidence"] as? [String: Any])?["staleRecord"] as? Bool == true }
        #expect(Set(stale.compactMap { $0["resource"] as? String }) == ["i-00000000000000001", "i-00000000000000002"])
        let outside = Self.results(report, "workload-security-unmanaged").compactMap { $0["resource"] as? String }
        #expect(outside.contains(try #require(instances["dev/eu-west-1/dev-online"])))
        let totals = (report["coverage"] as? [String: Any])?["totals"] as? [String: Any]
        #expect((totals?["protected"] as? Int ?? 0) >= 3)
        #expect(!run.stdout.contains(Self.key) && !run.stderr.contains(Self.key))
        let written = String(decoding: try Data(contentsOf: cli.file("report.json")), as: UTF8.self)
        #expect(!written.contains(Self.key))
    }

    @Test func aKeyOfAnotherRegionFailsTheAPIRuleAndErrsTheOthers() throws {
        let (run, report) = try post(try cli(region: "de-1"), ["--cloudone-region", "de-1"])
        #expect(run.status == 1)
        let api = Self.results(report, "workload-security-api")
        #expect(api.count == 1 && api[0]["status"] as? String == "fail")
        #expect((api[0]["message"] as? String)?.contains("not accepted by region de-1") == true)
        for rule in ["workload-security-parameters", "workload-security-agents", "workload-security-unmanaged"] {
            #expect(Self.results(report, rule).map { $0["status"] as? String } == ["error"], "\(rule)")
        }
        #expect(protection(report, "web-prod/us-east-1/web-online")?["status"] as? String == "unknown")
    }

    @Test func withoutAKeyTheRulesAreSkippedAndProtectionUnknown() throws {
        let (_, report) = try post(try cli(key: nil), [])
        for rule in ["workload-security-api", "workload-security-parameters", "workload-security-agents", "workload-security-unmanaged"] {
            let results = Self.results(report, rule)
            #expect(results.map { $0["status"] as? String } == ["skip"], "\(rule)")
            #expect((results.first?["message"] as? String)?.contains("CLOUDONE_API_KEY") == true)
        }
        #expect(protection(report, "web-prod/us-east-1/web-online")?["status"] as? String == "unknown")
    }

    /// A rotated token: the SSM parameters no longer match what the manager issues.
    @Test func aRotatedTokenFailsTheParametersWithoutShowingIt() throws {
        let token = "ABCDEF01-2345-6789-ABCD-EF0123456789"
        try emulator.updateCloudOne(["token": token])
        defer { _ = try? emulator.updateCloudOne(["token": "9F8E7D6C-5B4A-3F2E-1D0C-9B8A7F6E5D4C"]) }
        let cli = try cli()
        let (run, report) = try post(cli)
        let failed = Self.results(report, "workload-security-parameters").filter { $0["status"] as? String == "fail" }
        #expect(!failed.isEmpty && failed.allSatisfy { $0["resource"] as? String == "dsToken" })
        let written = String(decoding: try Data(contentsOf: cli.file("report.json")), as: UTF8.self)
        #expect(!run.stdout.contains(token) && !written.contains(token))
    }
}
