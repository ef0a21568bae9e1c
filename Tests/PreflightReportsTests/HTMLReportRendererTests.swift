import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct HTMLReportRendererTests {
    let report: AuditReport
    let html: String

    init() throws {
        report = try Fixture.report()
        html = HTMLReportRenderer().render(report, rules: try Fixture.rules(), baseline: BaselineDiff(baseline: try Fixture.baseline(), current: report))
    }

    @Test func isSelfContained() {
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        // The only URL is the SVG namespace, which names and never loads.
        #expect(html.components(separatedBy: "://").count - 1 == 1)
        #expect(html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func escapesEveryText() {
        let hostile = Sample.report(results: [
            CheckResult(
                ruleId: "hostile", title: "<script>alert(1)</script>", status: .fail, severity: .fail, accountId: "111111111111",
                region: "us-east-1\"><b>", resource: "<img src=x onerror=alert(1)>", message: "a & b < c > d ' e \" f",
                remediation: "</p><script>alert(2)</script>"),
        ], instances: [Sample.instance("i-0a", .covered, region: "<svg onload=alert(3)>")])
        let page = HTMLReportRenderer().render(hostile)
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<img src"))
        #expect(!page.contains("<svg onload"))
        #expect(!page.contains("\"><b>"))
        #expect(page.contains("a &amp; b &lt; c &gt; d &#39; e &quot; f"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func heatMapHasACellPerAccountAndRegionWithInstances() {
        let grid = CoverageGrid(report.coverage)
        #expect(html.components(separatedBy: "<g class=\"heat-cell").count - 1 == grid.accounts.count * grid.regions.count)
        #expect(html.components(separatedBy: "<g class=\"heat-total").count - 1 == grid.accounts.count + grid.regions.count + 1)
        for cell in grid.cells {
            #expect(html.contains("data-account=\"\(cell.accountId)\" data-region=\"\(cell.region)\""))
        }
    }

    /// The heat map's rows come by OU, each OU's under a heading, accounts as `name (id)`; the uncovered instances
    /// too, under a group row per OU.
    @Test func heatMapAndUncoveredInstancesAreGroupedByOU() throws {
        let page = HTMLReportRenderer().render(Sample.report(instances: [
            Sample.instance("i-01", .uncovered, account: "222222222222", name: "prod-app-1", ouPath: "Workloads/Prod"),
            Sample.instance("i-02", .uncovered, account: "333333333333", name: "sandbox", ouPath: ""),
        ]))
        // Each OU's heading (26 px) sits above its accounts' rows (54 px and a 4 px gap), the root's first.
        for line in ["<text class=\"heat-group\" x=\"4\" y=\"52\" text-anchor=\"start\">OU (attached to the root)</text>",
                     "<text class=\"heat-row\" x=\"210\" y=\"92\" text-anchor=\"end\">sandbox (333333333333)</text>",
                     "<text class=\"heat-group\" x=\"4\" y=\"136\" text-anchor=\"start\">OU Workloads/Prod</text>",
                     "<text class=\"heat-row\" x=\"210\" y=\"176\" text-anchor=\"end\">prod-app-1 (222222222222)</text>",
                     "<text class=\"heat-row\" x=\"210\" y=\"244\" text-anchor=\"end\">all accounts</text>"] {
            #expect(page.contains(line), "\(line)")
        }
        #expect(page.contains("<title>prod-app-1 (222222222222) × us-east-1: 0 of 1 covered</title>"))
        let rows = ["<tr class=\"ou-group\"><th colspan=\"5\">OU (attached to the root)</th></tr>", "sandbox (333333333333)",
                    "<tr class=\"ou-group\"><th colspan=\"5\">OU Workloads/Prod</th></tr>", "prod-app-1 (222222222222)"]
        let table = try #require(page.range(of: "Uncovered instances (2)")).upperBound
        let rowPositions = try rows.map { try #require(page.range(of: $0, range: table..<page.endIndex)?.lowerBound, "\($0)") }
        #expect(rowPositions == rowPositions.sorted())
    }

    @Test func aRunWithoutInstancesSaysSoInsteadOfAHeatMap() {
        let page = HTMLReportRenderer().render(Sample.report(phase: .pre, results: [Sample.result("caller-account", .pass, "ok")]))
        #expect(page.contains("No running instance was found"))
        #expect(!page.contains("coverage-heatmap"))
        #expect(page.contains("<div class=\"verdict-badge\" id=\"verdict\">PASS</div>"))
        #expect(!page.contains("id=\"fails\""))
    }

    @Test func colorScaleRunsFromRedToGreen() {
        #expect(HeatColor.scale(0).hex == "#c92a2a")
        #expect(HeatColor.scale(100).hex == "#2b8a3e")
        #expect(HeatColor.scale(-5) == HeatColor.scale(0))
        #expect(HeatColor.scale(50).hex == "#e8590c")
        #expect(HeatColor.ink(on: HeatColor.scale(80)) == "#1f2328")
        #expect(HeatColor.ink(on: HeatColor.scale(0)) == "#ffffff")
    }

    @Test func sectionsComeInOrder() {
        let positions = ["id=\"verdict\"", "id=\"coverage\"", "id=\"baseline\"", "id=\"fails\"", "id=\"errors\"", "id=\"warns\"", "id=\"results\""]
            .map { html.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test(.enabled(if: ExternalTool.chromiumRequired, "Chromium is not installed (it must be in CI)"))
    func chromiumRendersTheReport() throws {
        let chromium = try #require(ExternalTool.chromium, "chromium is required in CI: scripts/bootstrap installs it")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                     "--user-data-dir=\(directory.appendingPathComponent("profile").path)"]
        let dom = try ExternalTool.run([chromium] + flags + ["--dump-dom", page.path])
        #expect(dom.status == 0, "\(dom.stderr)")
        let grid = CoverageGrid(report.coverage)
        #expect(dom.stdout.components(separatedBy: "<g class=\"heat-cell").count - 1 == grid.accounts.count * grid.regions.count)
        #expect(dom.stdout.contains("<div class=\"verdict-badge\" id=\"verdict\">\(report.status.rawValue.uppercased())</div>"))
        #expect(dom.stdout.contains("data-status=\"fail\"><span class=\"count-value\">\(report.summary.fail)</span>"))
        #expect(dom.stdout.contains("data-status=\"warn\"><span class=\"count-value\">\(report.summary.warn)</span>"))
        #expect(dom.stdout.contains("<rect class=\"bar-covered\" data-count=\"\(report.coverage.totals.covered)\""))
        #expect(dom.stdout.components(separatedBy: "<tr class=\"result result-").count - 1 == report.results.count)
        #expect(!dom.stdout.contains("<script"))

        let screenshot = directory.appendingPathComponent("report.png")
        let shot = try ExternalTool.run([chromium] + flags + ["--hide-scrollbars", "--window-size=1280,1600", "--screenshot=\(screenshot.path)", page.path])
        #expect(shot.status == 0, "\(shot.stderr)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000)
    }
}
