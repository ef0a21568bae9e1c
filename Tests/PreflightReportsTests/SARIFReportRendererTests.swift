import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct SARIFReportRendererTests {
    func run(_ report: AuditReport, rules: [RuleDescription] = []) throws -> [String: Any] {
        let data = try SARIFReportRenderer().render(report, rules: rules)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func mapsStatusesToKindsAndLevels() throws {
        let report = Sample.report(results: [
            Sample.result("a", .fail, "f", account: "111111111111", region: "us-east-1", resource: "stack"),
            Sample.result("a", .warn, "w"), Sample.result("b", .error, "e"), Sample.result("b", .pass, "p"),
            Sample.result("c", .skip, "s"),
        ])
        let results = try #require(try run(report)["results"] as? [[String: Any]])
        #expect(results.map { $0["kind"] as? String } == ["fail", "fail", "fail", "pass", "notApplicable"])
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "error", "none", "none"])
        #expect(results.map { ($0["properties"] as? [String: Any])?["status"] as? String } == ["fail", "warn", "error", "pass", "skip"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 0, 1, 1, 2])
        #expect((results[2]["message"] as? [String: Any])?["text"] as? String == "Could not be evaluated: e")
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first)
        let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
        #expect(logical["fullyQualifiedName"] as? String == "111111111111/us-east-1/stack")
        #expect(logical["kind"] as? String == "resource")
        #expect(location["physicalLocation"] == nil)
    }

    @Test func describesRulesFromTheRuleFilesElseFromTheResults() throws {
        let report = Sample.report(results: [Sample.result("agent-coverage", .fail, "x"), Sample.result("other-rule", .pass, "y")])
        let rules = [RuleDescription(id: "agent-coverage", title: "Coverage", severity: .fail, why: "Why.\n", remediation: "Fix.", source: "rules/agent coverage.yaml")]
        let run = try run(report, rules: rules)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let descriptors = try #require(driver["rules"] as? [[String: Any]])
        #expect(descriptors.map { $0["id"] as? String } == ["agent-coverage", "other-rule"])
        #expect(descriptors.map { $0["name"] as? String } == ["AgentCoverage", "OtherRule"])
        #expect((descriptors[0]["fullDescription"] as? [String: Any])?["text"] as? String == "Why.")
        #expect((descriptors[0]["help"] as? [String: Any])?["text"] as? String == "Fix.")
        #expect((descriptors[1]["shortDescription"] as? [String: Any])?["text"] as? String == "Title of other-rule")
        let results = try #require(run["results"] as? [[String: Any]])
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first)
        #expect(((location["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String == "rules/agent%20coverage.yaml")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        #expect(invocation["startTimeUtc"] as? String == "2026-01-01T10:00:00Z")
    }

    @Test func incompleteRunsAreNotSuccessful() throws {
        let run = try run(Sample.report(results: [Sample.result("a", .error, "throttled")]))
        #expect((run["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool == false)
    }
}
