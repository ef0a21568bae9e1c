import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct GitHubActionsTests {
    @Test func escapesDataAndPropertiesAsTheRunnerExpects() {
        #expect(GitHubActions.escapeData("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b")
        #expect(GitHubActions.escapeProperty("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext%3A a%2Cb")
        #expect(GitHubActions.escapeData("%0A") == "%250A")
    }

    @Test func annotatesFailuresThenWarningsWithTheRuleFile() {
        let report = Sample.report(results: [
            Sample.result("ssm-agent", .warn, "agent old", account: "111111111111", region: "us-east-1", resource: "i-0a"),
            Sample.result("ssm-parameters", .fail, "dsToken: missing,\nsee below", account: "111111111111", region: "eu-west-1"),
            Sample.result("caller-account", .pass, "fine"),
            Sample.result("stack-status", .error, "throttled"),
        ])
        let rules = [RuleDescription(id: "ssm-parameters", title: "Parameters", severity: .fail, source: "rules/ssm-parameters.yaml")]
        let lines = GitHubActions.annotations(for: report, rules: rules).split(separator: "\n").map(String.init)
        #expect(lines == [
            "::error file=rules/ssm-parameters.yaml,title=preflight ssm-parameters%3A Title of ssm-parameters::"
                + "[111111111111/eu-west-1] dsToken: missing,%0Asee below%0AFix ssm-parameters.",
            "::warning title=preflight ssm-agent%3A Title of ssm-agent::[111111111111/us-east-1/i-0a] agent old%0AFix ssm-agent.",
        ])
    }

    @Test func injectedCommandsInMessagesStayInsideTheAnnotation() throws {
        let report = try Fixture.report()
        let output = GitHubActions.annotations(for: report, rules: try Fixture.rules(), limit: 1000)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == report.summary.fail + report.summary.warn)
        for line in lines {
            #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning "))
            #expect(!line.contains("\r"))
        }
    }

    @Test func limitsTheNumberOfAnnotations() {
        let results = (0..<5).map { Sample.result("ssm-agent", .fail, "failure \($0)", account: "111111111111") }
        let lines = GitHubActions.annotations(for: Sample.report(results: results), limit: 3).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[3] == "::notice title=preflight::2 more findings are not annotated; see the job summary or the report.")
    }

    @Test func isActiveOnlyInGitHubActions() {
        #expect(GitHubActions.isActive(environment: ["GITHUB_ACTIONS": "true"]))
        #expect(!GitHubActions.isActive(environment: ["CI": "true"]))
    }
}
