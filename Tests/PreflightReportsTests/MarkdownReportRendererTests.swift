import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct MarkdownReportRendererTests {
    @Test func failuresComeFirstThenErrorsWarningsAndCollapsedSections() throws {
        let markdown = MarkdownReportRenderer().render(try Fixture.report())
        let headings = ["## ❌ Preflight post-deployment check: FAIL", "### Failures (", "### Errors: not evaluated (", "### Warnings (",
                        "<details><summary>Passes (", "<details><summary>Coverage by account × region"]
        let positions = try headings.map { try #require(markdown.range(of: $0)?.lowerBound, "\($0)") }
        #expect(positions == positions.sorted())
    }

    @Test func escapesTableCellsAndHTML() {
        let report = Sample.report(results: [
            Sample.result("hostile", .fail, "a | b <img src=x> *bold* `code` [link](javascript:x)\nline 2", account: "111111111111"),
        ])
        let markdown = MarkdownReportRenderer().render(report)
        #expect(markdown.contains("| hostile | 111111111111 |  |  | a \\| b &lt;img src=x&gt; \\*bold\\* \\`code\\` \\[link\\](javascript:x)<br>line 2 |"))
    }

    @Test func limitsRowsAndCountsTheRest() {
        let results = (0..<8).map { Sample.result("agent-coverage", .fail, "instance \($0)", account: "111111111111") }
        let markdown = MarkdownReportRenderer(maxRows: 3).render(Sample.report(results: results))
        #expect(markdown.components(separatedBy: "| agent-coverage |").count - 1 == 3)
        #expect(markdown.contains("… and 5 more (see the full report)."))
    }

    @Test func coverageRowsAreGroupedByOUWithNamedAccounts() throws {
        let report = Sample.report(
            results: [Sample.result("ssm-agent", .fail, "lost", account: "222222222222", name: "prod_app", ouPath: "Workloads/Prod")],
            instances: [
                Sample.instance("i-01", .uncovered, account: "222222222222", name: "prod_app", ouPath: "Workloads/Prod"),
                Sample.instance("i-02", .covered, account: "333333333333", name: "sandbox", ouPath: ""),
            ])
        let markdown = MarkdownReportRenderer().render(report)
        #expect(markdown.contains("| ssm-agent | prod\\_app (222222222222) |"))
        let root = try #require(markdown.range(of: "| **OU (attached to the root)** | | | | | | | |\n| sandbox (333333333333) | us-east-1 | 1 |"))
        let prod = try #require(markdown.range(of: "| **OU Workloads/Prod** | | | | | | | |\n| prod\\_app (222222222222) | us-east-1 | 1 |"))
        #expect(root.lowerBound < prod.lowerBound)
    }

    @Test func aReportWithoutOUsHasNoGroupRows() {
        let markdown = MarkdownReportRenderer().render(Sample.report(instances: [Sample.instance("i-01", .covered)]))
        #expect(markdown.contains("| 111111111111 | us-east-1 | 1 | 1 | 0 | 0 | 100 |  |"))
        #expect(!markdown.contains("**OU "))
    }

    @Test func aPassingRunSaysSo() {
        let markdown = MarkdownReportRenderer().render(Sample.report(results: [Sample.result("caller-account", .pass, "ok")]))
        #expect(markdown.hasPrefix("## ✅ Preflight post-deployment check: PASS\n"))
        #expect(!markdown.contains("### Failures"))
        #expect(markdown.contains("| 0 | 0 | 0 | 1 | 0 | n/a |"))
        #expect(!markdown.contains("Coverage by account"))
    }
}
