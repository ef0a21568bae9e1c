import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct TextReportRendererTests {
    @Test(arguments: [60, 80, 100, 160])
    func everyLineFitsTheWidth(width: Int) throws {
        let report = try Fixture.report()
        let text = TextReportRenderer(color: false, width: width).render(report, baseline: BaselineDiff(baseline: try Fixture.baseline(), current: report))
        for line in text.split(separator: "\n") {
            #expect(line.count <= width, "\(line.count) > \(width): \(line)")
        }
    }

    @Test func controlCharactersOfMessagesNeverReachTheTerminal() throws {
        let report = Sample.report(results: [
            Sample.result("hostile", .fail, "red \u{1B}[31mtext\u{1B}[0m\u{07} and\nsecond line", account: "111111111111"),
        ])
        let text = TextReportRenderer(color: false).render(report)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
        #expect(text.contains("red \u{FFFD}[31mtext\u{FFFD}[0m\u{FFFD} and second line"))
    }

    @Test func colorsOnlyWhenAsked() throws {
        let report = try Fixture.report()
        #expect(!TextReportRenderer(color: false).render(report).contains("\u{1B}["))
        #expect(TextReportRenderer(color: true).render(report).contains("\u{1B}[31mFAIL"))
    }

    @Test func listsAtMostMaxLinesPerRule() {
        let results = (0..<30).map { Sample.result("agent-coverage", .fail, "instance \($0)", account: "111111111111", region: "us-east-1") }
        let text = TextReportRenderer(color: false, maxLines: 5).render(Sample.report(results: results))
        #expect(text.components(separatedBy: "    FAIL ").count - 1 == 5)
        #expect(text.contains("    … 25 more (see the JSON or HTML report)"))
    }

    @Test func coverageIsByAccountThenRegionWithTotals() throws {
        let report = Sample.report(instances: [
            Sample.instance("i-01", .covered, region: "us-east-1"), Sample.instance("i-02", .uncovered, region: "eu-west-1"),
            Sample.instance("i-03", .covered, region: "eu-west-1"), Sample.instance("i-04", .excluded, account: "123456789012"),
        ])
        let lines = TextReportRenderer(color: false).render(report).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "Coverage (account × region)"))
        #expect(lines[start + 2].hasPrefix("111111111111  eu-west-1  2"))
        #expect(lines[start + 2].hasSuffix("50"))
        #expect(lines[start + 3].hasPrefix("111111111111  us-east-1  1"))
        #expect(lines[start + 4].hasSuffix("n/a"))
        #expect(lines[start + 5].hasPrefix("total"))
        #expect(lines[start + 5].hasSuffix("66.7"))
    }

    /// Rows come by OU path (the root's accounts first), then account, under a line naming the OU; accounts show
    /// as `name (id)`, results too.
    @Test func coverageIsGroupedByOUAndNamesTheAccounts() throws {
        let report = Sample.report(
            results: [Sample.result("ssm-agent", .fail, "lost", account: "333333333333", region: "us-east-1", name: "dev-1", ouPath: "Dev")],
            instances: [
                Sample.instance("i-01", .covered, account: "333333333333", name: "dev-1", ouPath: "Dev"),
                Sample.instance("i-02", .uncovered, account: "222222222222", name: "prod-app-1", ouPath: "Workloads/Prod"),
                Sample.instance("i-03", .excluded, account: "123456789012", name: "management", ouPath: ""),
                Sample.instance("i-04", .covered, account: "111111111111", name: "prod-web-1", ouPath: "Workloads/Prod"),
            ])
        let lines = TextReportRenderer(color: false).render(report).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("    FAIL [dev-1 (333333333333) us-east-1] lost") })
        let start = try #require(lines.firstIndex(of: "Coverage (account × region, by OU)"))
        #expect(lines[start + 2] == "OU (attached to the root)")
        #expect(lines[start + 3].hasPrefix("  management (123456789012)  us-east-1"))
        #expect(lines[start + 4] == "OU Dev")
        #expect(lines[start + 5].hasPrefix("  dev-1 (333333333333) "))
        #expect(lines[start + 6] == "OU Workloads/Prod")
        #expect(lines[start + 7].hasPrefix("  prod-web-1 (111111111111) "))
        #expect(lines[start + 8].hasPrefix("  prod-app-1 (222222222222) "))
        #expect(lines[start + 9].hasPrefix("total"))
    }

    /// A table cut to a few rows keeps the worst account × regions (lowest coverage first), still grouped by OU.
    @Test func aCutTableKeepsTheWorstRowsGroupedByOU() throws {
        let report = Sample.report(instances: [
            Sample.instance("i-01", .covered, account: "111111111111", name: "a-ok", ouPath: "A"),
            Sample.instance("i-02", .uncovered, account: "222222222222", name: "b-bad", ouPath: "B"),
            Sample.instance("i-03", .covered, account: "333333333333", name: "a-half", ouPath: "A"),
            Sample.instance("i-04", .uncovered, account: "333333333333", name: "a-half", ouPath: "A"),
            Sample.instance("i-05", .covered, account: "444444444444", name: "c-ok", ouPath: "C"),
        ])
        let lines = TextReportRenderer(color: false, maxLines: 2).render(report).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex(of: "Coverage (account × region, the 2 worst, by OU)"))
        #expect(lines[start + 2] == "OU A")
        #expect(lines[start + 3].hasPrefix("  a-half (333333333333) "))
        #expect(lines[start + 4] == "OU B")
        #expect(lines[start + 5].hasPrefix("  b-bad (222222222222) "))
        #expect(lines[start + 6] == "… 2 more account × region")
    }

    @Test func verdicts() {
        let renderer = TextReportRenderer(color: false)
        #expect(renderer.verdict(Sample.report(results: [Sample.result("a", .pass, "ok")])) == "PASS the deployment can proceed (0 fail, 0 error, 0 warn, 1 pass, 0 skip)")
        #expect(renderer.verdict(Sample.report(results: [Sample.result("a", .error, "x")])).hasPrefix("INCOMPLETE"))
    }
}
