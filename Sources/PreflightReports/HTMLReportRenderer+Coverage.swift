import PreflightEngine

extension HTMLReportRenderer {
    /// The coverage: a stacked bar of covered, uncovered and excluded instances, a heat map of accounts × regions
    /// colored by covered share, and the uncovered instances; accounts by OU.
    func coverageSection(_ coverage: AuditReport.CoverageBlock) -> String {
        var out = "<section class=\"coverage\" id=\"coverage\">\n<h2>Coverage</h2>\n"
        guard !coverage.instances.isEmpty else {
            return out + "<p class=\"muted\">No running instance was found in the accounts and regions audited.</p>\n</section>\n"
        }
        let grid = CoverageGrid(coverage)
        let totals = grid.totals
        out += "<p>\(totals.covered) of \(totals.eligible) eligible running instances are covered"
            + (totals.eligible == 0 ? "" : " (\(totals.formattedPercent)%)")
            + "; \(totals.excluded) excluded (the management account is never targeted).</p>\n"
        if grid.knowsProtection {
            out += "<p>\(totals.protected) of \(totals.instances) running instances are protected by Workload Security"
                + " (the heat map colours each cell by its protected share).</p>\n"
        }
        out += stackedBar(totals)
        out += "<h3>By account × region</h3>\n<div class=\"heatmap-wrap\">\n" + heatMap(grid) + "</div>\n"
        out += heatLegend()
        let causes = CauseGroups(coverage.instances)
        if !causes.isEmpty {
            out += "<h3>Why instances are not managed by Systems Manager</h3>\n<ul class=\"causes\">\n"
            for group in causes.groups {
                out += "<li><strong>\(Markup.html(group.line))</strong> <span class=\"muted\">"
                    + "\(Markup.html(group.cause.summary))</span></li>\n"
            }
            out += "</ul>\n"
        }
        let rank = Dictionary(uniqueKeysWithValues: grid.accounts.enumerated().map { ($1, $0) })
        let uncovered = coverage.instances.enumerated().filter { $0.element.verdict == .uncovered }
            .sorted { (rank[$0.element.accountId]!, $0.offset) < (rank[$1.element.accountId]!, $1.offset) }.map(\.element)
        if !uncovered.isEmpty {
            let reasons = Dictionary(grouping: uncovered.compactMap(\.reason)) { $0 }
                .sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
                .map { "\($0.key.rawValue) \($0.value.count)" }.joined(separator: ", ")
            out += "<details class=\"uncovered\"><summary>Uncovered instances (\(uncovered.count)): \(Markup.html(reasons))</summary>\n"
            out += "<table>\n<thead><tr><th>Account</th><th>Region</th><th>Instance</th><th>Reason</th><th>Causes</th></tr></thead>\n<tbody>\n"
            var heading: String?
            for instance in uncovered {
                let ou = AccountLabel.ou(instance.ouPath)
                if grid.knowsOUs && ou != heading {
                    heading = ou
                    out += "<tr class=\"ou-group\"><th colspan=\"5\">OU \(Markup.html(ou))</th></tr>\n"
                }
                out += "<tr>\(cell(instance.accountLabel))\(cell(instance.region))\(cell(instance.instanceId))"
                    + "\(cell(instance.reason?.rawValue))"
                    + "\(cell(instance.causes.isEmpty ? nil : instance.causes.map(\.rawValue).joined(separator: ", ")))</tr>\n"
            }
            out += "</tbody>\n</table>\n</details>\n"
        }
        return out + "</section>\n"
    }

    func stackedBar(_ totals: CoverageTotals) -> String {
        let segments: [(name: String, count: Int, color: String)] = [
            ("covered", totals.covered, HeatColor.covered), ("uncovered", totals.uncovered, HeatColor.uncovered),
            ("excluded", totals.excluded, HeatColor.excluded),
        ]
        let width = 1000
        var out = "<svg class=\"stacked-bar\" id=\"coverage-bar\" viewBox=\"0 0 \(width) 40\" width=\"100%\" height=\"40\""
            + " preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(totals.covered) covered, \(totals.uncovered)"
            + " uncovered, \(totals.excluded) excluded\">\n"
        var x = 0
        for (index, segment) in segments.enumerated() where segment.count > 0 {
            let isLast = !segments[(index + 1)...].contains { $0.count > 0 }
            let w = isLast ? width - x : Int((Double(segment.count) * Double(width) / Double(max(1, totals.instances))).rounded())
            out += "<rect class=\"bar-\(segment.name)\" data-count=\"\(segment.count)\" x=\"\(x)\" y=\"0\" width=\"\(w)\""
                + " height=\"40\" fill=\"\(segment.color)\"><title>\(segment.count) \(segment.name)</title></rect>\n"
            x += w
        }
        out += "</svg>\n<ul class=\"legend\">\n"
        for segment in segments {
            out += "<li><span class=\"swatch\" style=\"background:\(segment.color)\"></span>\(segment.name)"
                + " <strong>\(segment.count)</strong></li>\n"
        }
        return out + "</ul>\n"
    }

    /// Rows are accounts by OU (each OU's under its heading), columns regions, each cell colored by its covered share
    /// with the percentage and counts; a last column and row hold the account and region totals.
    func heatMap(_ grid: CoverageGrid) -> String {
        let header = 34, cellWidth = 104, cellHeight = 54, gap = 4, separator = 10, heading = 26
        let label = max(150, 20 + 8 * (grid.accounts.map { grid.label(accountId: $0).count }.max() ?? 0))
        var rowTop: [String: Int] = [:]
        var headings: [(label: String, y: Int)] = []
        var bottom = header
        for group in grid.groups {
            if grid.knowsOUs {
                headings.append((group.label, bottom))
                bottom += heading
            }
            for account in group.accounts {
                rowTop[account] = bottom
                bottom += cellHeight + gap
            }
        }
        let columns = grid.regions.count + 1
        let width = label + columns * (cellWidth + gap) + separator
        let height = bottom + separator + cellHeight + gap
        func x(_ column: Int) -> Int { label + column * (cellWidth + gap) + (column == grid.regions.count ? separator : 0) }
        func y(_ account: String?) -> Int { account.flatMap { rowTop[$0] } ?? bottom + separator }
        var out = "<svg class=\"heatmap\" id=\"coverage-heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\""
            + " width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Coverage by account and region\">\n"
        out += "<text class=\"heat-axis\" x=\"\(label - 10)\" y=\"\(header - 12)\" text-anchor=\"end\">account ╲ region</text>\n"
        for (column, region) in (grid.regions + ["all regions"]).enumerated() {
            out += "<text class=\"heat-column\" x=\"\(x(column) + cellWidth / 2)\" y=\"\(header - 12)\" text-anchor=\"middle\">"
                + "\(Markup.html(region))</text>\n"
        }
        for group in headings {
            out += "<text class=\"heat-group\" x=\"4\" y=\"\(group.y + 18)\" text-anchor=\"start\">"
                + "OU \(Markup.html(group.label))</text>\n"
        }
        for account in grid.accounts.map(Optional.some) + [nil] {
            let name = account.map { grid.label(accountId: $0) } ?? "all accounts"
            out += "<text class=\"heat-row\" x=\"\(label - 10)\" y=\"\(y(account) + cellHeight / 2 + 5)\" text-anchor=\"end\">"
                + "\(Markup.html(name))</text>\n"
            for (column, region) in (grid.regions.map(Optional.some) + [nil]).enumerated() {
                let totals: CoverageTotals? = switch (account, region) {
                case (let account?, let region?): grid.cell(accountId: account, region: region)?.totals
                case (let account?, nil): grid.totals(accountId: account)
                case (nil, let region?): grid.cells.filter { $0.region == region }.map(\.totals).reduce(CoverageTotals(), +)
                case (nil, nil): grid.totals
                }
                out += heatCell(totals, account: account, label: account.map { grid.label(accountId: $0) }, region: region,
                                isTotal: account == nil || region == nil, x: x(column), y: y(account), width: cellWidth,
                                height: cellHeight, byProtection: grid.knowsProtection)
            }
        }
        return out + "</svg>\n"
    }

    func heatCell(
        _ totals: CoverageTotals?, account: String?, label: String?, region: String?, isTotal: Bool, x: Int, y: Int,
        width: Int, height: Int, byProtection: Bool = false
    ) -> String {
        let scope = "\(label ?? "all accounts") × \(region ?? "all regions")"
        let kind = isTotal ? "heat-total" : "heat-cell"
        let attributes = "data-account=\"\(Markup.html(account ?? "*"))\" data-region=\"\(Markup.html(region ?? "*"))\""
        let rect = "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" rx=\"6\""
        let center = x + width / 2
        guard let totals, totals.instances > 0 else {
            return "<g class=\"\(kind) heat-empty\" \(attributes)>\(rect) fill=\"\(HeatColor.empty)\"/>"
                + "<text x=\"\(center)\" y=\"\(y + height / 2 + 5)\" text-anchor=\"middle\" class=\"heat-none\">–</text>"
                + "<title>\(Markup.html(scope)): no running instance</title></g>\n"
        }
        let detail = "\(totals.covered) of \(totals.eligible) covered" + (totals.excluded > 0 ? ", \(totals.excluded) excluded" : "")
        /// A cell coloured by `percent`, showing `shown`% and `counts`.
        func filled(_ percent: Double, shown: String, counts: String, title: String, extraClass: String) -> String {
            let fill = HeatColor.scale(percent)
            let ink = HeatColor.ink(on: fill)
            return "<g class=\"\(kind)\(extraClass)\" \(attributes) data-percent=\"\(shown)\">\(rect) fill=\"\(fill.hex)\"/>"
                + "<text x=\"\(center)\" y=\"\(y + 25)\" text-anchor=\"middle\" class=\"heat-percent\" fill=\"\(ink)\">\(shown)%</text>"
                + "<text x=\"\(center)\" y=\"\(y + 43)\" text-anchor=\"middle\" class=\"heat-counts\" fill=\"\(ink)\">\(counts)</text>"
                + "<title>\(Markup.html(scope)): \(title)</title></g>\n"
        }
        if byProtection, let percent = totals.protectedPercent {
            return filled(
                percent, shown: CoverageTotals.format(percent), counts: "\(totals.protected)/\(totals.instances) prot.",
                title: "\(totals.protected) of \(totals.instances) protected; \(detail)", extraClass: " heat-protection")
        }
        guard let percent = totals.coveredPercent else {
            return "<g class=\"\(kind) heat-excluded\" \(attributes) data-percent=\"n/a\">\(rect) fill=\"\(HeatColor.excluded)\"/>"
                + "<text x=\"\(center)\" y=\"\(y + 24)\" text-anchor=\"middle\" class=\"heat-percent\" fill=\"#1f2328\">excluded</text>"
                + "<text x=\"\(center)\" y=\"\(y + 42)\" text-anchor=\"middle\" class=\"heat-counts\" fill=\"#1f2328\">"
                + "\(totals.excluded) instance\(totals.excluded == 1 ? "" : "s")</text>"
                + "<title>\(Markup.html(scope)): \(detail)</title></g>\n"
        }
        return filled(
            percent, shown: totals.formattedPercent,
            counts: "\(totals.covered)/\(totals.eligible)\(totals.excluded > 0 ? " +\(totals.excluded) excl." : "")",
            title: detail, extraClass: "")
    }

    func heatLegend() -> String {
        let stops = stride(from: 0, through: 100, by: 25).map { "\(HeatColor.scale(Double($0)).hex) \($0)%" }.joined(separator: ", ")
        return "<div class=\"heat-legend\"><span>0%</span><span class=\"gradient\" style=\"background:linear-gradient(to right, \(stops))\">"
            + "</span><span>100% covered</span><span class=\"swatch\" style=\"background:\(HeatColor.excluded)\"></span>"
            + "<span>only excluded instances</span><span class=\"swatch\" style=\"background:\(HeatColor.empty)\"></span>"
            + "<span>no running instance</span></div>\n"
    }
}
