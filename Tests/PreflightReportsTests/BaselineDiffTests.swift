import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct BaselineDiffTests {
    let baseline = Sample.report(
        phase: .pre,
        results: [
            Sample.result("ssm-agent", .fail, "not managed", account: "111111111111", region: "us-east-1", resource: "i-0b"),
            Sample.result("ssm-agent", .fail, "not managed", account: "111111111111", region: "us-east-1", resource: "i-0c"),
            Sample.result("deployer-permissions", .fail, "cannot CreateStackSet"),
        ],
        instances: [
            Sample.instance("i-0a", .covered), Sample.instance("i-0b", .uncovered, reason: .notManaged),
            Sample.instance("i-0c", .covered), Sample.instance("i-0m", .excluded),
        ])

    let current = Sample.report(
        results: [
            Sample.result("ssm-agent", .pass, "managed", account: "111111111111", region: "us-east-1", resource: "i-0b"),
            Sample.result("ssm-agent", .fail, "not managed", account: "111111111111", region: "us-east-1", resource: "i-0c"),
            Sample.result("agent-coverage", .fail, "association failed", account: "111111111111", region: "us-east-1", resource: "i-0a"),
        ],
        instances: [
            Sample.instance("i-0a", .uncovered, reason: .associationFailed), Sample.instance("i-0b", .covered),
            Sample.instance("i-0c", .covered), Sample.instance("i-0d", .uncovered, reason: .notManaged),
            Sample.instance("i-0m", .excluded),
        ])

    @Test func findsInstancesNewlyCoveredAndUncovered() {
        let diff = BaselineDiff(baseline: baseline, current: current)
        #expect(diff.newlyCovered.map(\.instanceId) == ["i-0b"])
        #expect(diff.newlyCovered[0].before == .uncovered)
        #expect(diff.newlyUncovered.map(\.instanceId) == ["i-0a", "i-0d"])
        #expect(diff.newlyUncovered.map(\.before) == [.covered, nil])
        #expect(diff.newlyUncovered[0].reason == .associationFailed)
    }

    @Test func findsResultsNewlyFailingAndResolved() {
        let diff = BaselineDiff(baseline: baseline, current: current)
        #expect(diff.newlyFailing.map(\.ruleId) == ["agent-coverage"])
        // i-0b passes now; deployer-permissions is not checked after deployment, so it is not "resolved".
        #expect(diff.resolved.map(\.resource) == ["i-0b"])
        #expect(diff.headline == "1 instance newly covered, 2 newly uncovered, 1 result newly failing, 1 resolved")
        #expect(!diff.isEmpty)
    }

    @Test func aReportComparedWithItselfHasNoChanges() throws {
        let report = try Fixture.report()
        #expect(BaselineDiff(baseline: report, current: report).isEmpty)
    }

    @Test func textAndMarkdownShowTheChanges() {
        let diff = BaselineDiff(baseline: baseline, current: current)
        let text = TextReportRenderer(color: false).render(current, baseline: diff)
        #expect(text.contains("Changes since baseline (pre, 2026-01-01 10:00 UTC)"))
        #expect(text.contains("uncovered 111111111111 us-east-1 i-0a (covered → uncovered: association-failed)"))
        #expect(text.contains("failing   agent-coverage [111111111111 us-east-1] association failed"))
        let markdown = MarkdownReportRenderer().render(current, baseline: diff)
        #expect(markdown.contains("### Changes since baseline"))
        #expect(markdown.contains("| Newly uncovered | 111111111111 | us-east-1 | i-0d | not seen | uncovered (not-managed) |"))
        #expect(markdown.contains("| Resolved | ssm-agent | 111111111111 | us-east-1 | i-0b | not managed |"))
        #expect(!TextReportRenderer(color: false).render(current).contains("Changes since baseline"))
        #expect(!MarkdownReportRenderer().render(current).contains("Changes since baseline"))
    }
}
