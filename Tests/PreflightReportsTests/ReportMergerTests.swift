import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct ReportMergerTests {
    @Test func unitesResultsAndRecomputesEverything() throws {
        let organizationWide = Sample.result("caller-account", .pass, "The caller is the management account")
        let first = Sample.report(
            results: [organizationWide, Sample.result("ssm-parameters", .fail, "dsToken missing", account: "111111111111", region: "us-east-1")],
            instances: [Sample.instance("i-0a", .covered), Sample.instance("i-0b", .uncovered)],
            startedAt: Sample.start, seconds: 30)
        let second = Sample.report(
            results: [organizationWide, Sample.result("ssm-parameters", .error, "AccessDenied", account: "222222222222", region: "eu-west-1")],
            instances: [Sample.instance("i-0c", .covered, account: "222222222222", region: "eu-west-1")],
            startedAt: Sample.start.addingTimeInterval(-5), seconds: 60)

        let merged = try ReportMerger.merge([first, second])

        #expect(merged.results.count == 3)
        #expect(merged.results.map(\.ruleId) == ["caller-account", "ssm-parameters", "ssm-parameters"])
        #expect(merged.results.map(\.accountId) == [nil, "111111111111", "222222222222"])
        #expect(merged.summary.pass == 1 && merged.summary.fail == 1 && merged.summary.error == 1)
        #expect(merged.status == .fail)
        #expect(merged.coverage.totals == CoverageTotals(instances: 3, covered: 2, uncovered: 1, excluded: 0))
        #expect(merged.coverage.instances.map(\.instanceId) == ["i-0a", "i-0b", "i-0c"])
        #expect(merged.startedAt == Sample.start.addingTimeInterval(-5))
        #expect(merged.finishedAt == Sample.start.addingTimeInterval(55))
        #expect(merged.phase == .post)
        #expect(merged.organization.id == "o-sample12345")
    }

    @Test func statusIsIncompleteWhenOnlyErrorsRemain() throws {
        let merged = try ReportMerger.merge([
            Sample.report(results: [Sample.result("a", .pass, "ok")]),
            Sample.report(results: [Sample.result("a", .error, "throttled", account: "111111111111")]),
        ])
        #expect(merged.status == .incomplete)
    }

    @Test func keepsTheLeastFavourableVerdictOfAnInstanceSeenTwice() throws {
        let merged = try ReportMerger.merge([
            Sample.report(instances: [Sample.instance("i-0a", .covered)]),
            Sample.report(instances: [Sample.instance("i-0a", .uncovered)]),
            Sample.report(instances: [Sample.instance("i-0a", .covered)]),
        ])
        #expect(merged.coverage.instances.count == 1)
        #expect(merged.coverage.instances[0].verdict == .uncovered)
        #expect(merged.coverage.totals.uncovered == 1)
    }

    @Test func refusesDifferentPhasesNamingTheFiles() {
        #expect(throws: ReportMergeError.self) {
            try ReportMerger.merge([Sample.report(phase: .pre), Sample.report(phase: .post)], names: ["pre.json", "post.json"])
        }
        do {
            _ = try ReportMerger.merge([Sample.report(phase: .pre), Sample.report(phase: .post)], names: ["pre.json", "post.json"])
        } catch {
            #expect(error.description == "cannot merge reports of different phases: pre.json is pre, post.json is post")
        }
    }

    @Test func refusesDifferentOrganizations() {
        #expect(throws: ReportMergeError.self) {
            try ReportMerger.merge([Sample.report(organization: "o-aaaaaaaaaa"), Sample.report(organization: "o-bbbbbbbbbb")])
        }
    }

    @Test func refusesNothing() {
        #expect(throws: ReportMergeError.self) { try ReportMerger.merge([]) }
    }

    @Test func mergingTheFixtureWithItselfChangesNothing() throws {
        let report = try Fixture.report()
        let merged = try ReportMerger.merge([report, report])
        #expect(merged.results == report.results)
        #expect(merged.coverage == report.coverage)
        #expect(merged.summary == report.summary)
        #expect(merged.status == report.status)
    }
}
