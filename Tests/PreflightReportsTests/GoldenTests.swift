import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

/// Every format of the fixed fixture report, compared with `Fixtures/golden/` (regenerate with
/// `PREFLIGHT_UPDATE_GOLDEN=1 swift test --filter PreflightReportsTests`).
@Suite struct GoldenTests {
    let report: AuditReport
    let diff: BaselineDiff
    let rules: [RuleDescription]

    init() throws {
        report = try Fixture.report()
        diff = BaselineDiff(baseline: try Fixture.baseline(), current: report)
        rules = try Fixture.rules()
    }

    @Test func json() throws {
        try Fixture.expectGolden(String(decoding: try ReportFormat.json.render(report), as: UTF8.self), "report.json")
    }

    @Test func junit() throws {
        try Fixture.expectGolden(JUnitReportRenderer().render(report), "report.junit.xml")
    }

    @Test func sarif() throws {
        try Fixture.expectGolden(String(decoding: try SARIFReportRenderer().render(report, rules: rules), as: UTF8.self), "report.sarif")
    }

    @Test func asff() throws {
        try Fixture.expectGolden(String(decoding: try ASFFReportRenderer().render(report, rules: rules), as: UTF8.self), "report.asff.json")
    }

    @Test func ocsf() throws {
        try Fixture.expectGolden(String(decoding: try OCSFReportRenderer().render(report, rules: rules), as: UTF8.self), "report.ocsf.json")
    }

    @Test func markdown() throws {
        try Fixture.expectGolden(MarkdownReportRenderer().render(report), "report.md")
        try Fixture.expectGolden(MarkdownReportRenderer(maxRows: 5).render(report, baseline: diff), "report-baseline-5-rows.md")
    }

    @Test func html() throws {
        try Fixture.expectGolden(HTMLReportRenderer().render(report, rules: rules, baseline: diff), "report.html")
    }

    @Test func text() throws {
        try Fixture.expectGolden(TextReportRenderer(color: false, width: 100).render(report), "report.txt")
        try Fixture.expectGolden(TextReportRenderer(color: true, width: 72).render(report, baseline: diff), "report-color-72-baseline.txt")
    }

    /// `PREFLIGHT_UPDATE_GOLDEN=1` rewrites the golden files on a workstation; in CI it fails instead of passing
    /// without comparing.
    @Test func goldenUpdatesAreRefusedInCI() {
        #expect(Fixture.goldenMode([:]) == .compare)
        #expect(Fixture.goldenMode(["CI": "true"]) == .compare)
        #expect(Fixture.goldenMode(["PREFLIGHT_UPDATE_GOLDEN": "0"]) == .compare)
        #expect(Fixture.goldenMode(["PREFLIGHT_UPDATE_GOLDEN": "1"]) == .update)
        #expect(Fixture.goldenMode(["PREFLIGHT_UPDATE_GOLDEN": "1", "CI": ""]) == .update)
        #expect(Fixture.goldenMode(["PREFLIGHT_UPDATE_GOLDEN": "1", "CI": "true"]) == .refuseUpdate)
        #expect(Fixture.goldenMode(["PREFLIGHT_UPDATE_GOLDEN": "1", "CI": "1"]) == .refuseUpdate)
    }

    @Test func outputDirectoryNamesEveryFormat() {
        #expect(ReportFormat.allCases.map(\.fileName) == [
            "report.json", "report.junit.xml", "report.sarif", "report.md", "report.html", "report.asff.json", "report.ocsf.json",
        ])
    }
}
