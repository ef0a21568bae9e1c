import PreflightEngine

/// Renders a report as GitHub-flavoured Markdown for a pull-request comment or a job summary: the verdict, the
/// counts, failures, errors and warnings as tables, then passes, skips and the coverage by account × region (grouped
/// by OU) in collapsed sections.
public struct MarkdownReportRenderer: Sendable {
    /// At most this many rows per table (the rest are counted), nil for every row.
    public var maxRows: Int?

    public init(maxRows: Int? = nil) {
        self.maxRows = maxRows
    }

    public func render(_ report: AuditReport, baseline: BaselineDiff? = nil) -> String {
        let summary = report.summary
        let totals = report.coverage.totals
        var out = "## \(icon(report.status)) Preflight \(report.phase.rawValue)-deployment check: \(verdict(report.status))\n\n"
        out += "| Fail | Error | Warn | Pass | Skip | Coverage |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n"
        out += "| \(summary.fail) | \(summary.error) | \(summary.warn) | \(summary.pass) | \(summary.skip) | \(coverageCell(totals)) |\n\n"
        var meta = "Started \(Timestamp.readable(report.startedAt)), took "
            + Timestamp.duration(from: report.startedAt, to: report.finishedAt)
        if let organization = report.organization.id { meta += " · organization `\(organization)`" }
        out += meta + " · preflight \(Markup.markdown(report.tool.version))\n"
        if let baseline {
            out += "\n" + baselineSection(baseline)
        }
        for (status, heading) in [(CheckStatus.fail, "Failures"), (.error, "Errors: not evaluated"), (.warn, "Warnings")] {
            let results = report.results.filter { $0.status == status }
            guard !results.isEmpty else { continue }
            out += "\n### \(heading) (\(results.count))\n\n" + resultTable(results)
            if status != .error { out += remediations(results) }
        }
        for (status, heading) in [(CheckStatus.pass, "Passes"), (.skip, "Skipped")] {
            let results = report.results.filter { $0.status == status }
            guard !results.isEmpty else { continue }
            out += "\n<details><summary>\(heading) (\(results.count))</summary>\n\n" + resultTable(results) + "\n</details>\n"
        }
        if !report.coverage.instances.isEmpty {
            out += "\n<details><summary>Coverage by account × region: \(totals.covered) of \(totals.eligible) eligible"
                + " instances covered (\(totals.formattedPercent)%)</summary>\n\n" + coverageTable(CoverageGrid(report.coverage))
                + "\n</details>\n"
        }
        let causes = CauseGroups(report.coverage.instances)
        if !causes.isEmpty {
            out += "\n### Why instances are not managed by Systems Manager\n\n| Instances | Accounts | First cause | Meaning |\n"
                + "| ---: | ---: | --- | --- |\n"
            for group in causes.groups {
                out += "| \(group.instances) | \(group.accounts) | `\(group.cause.rawValue)` | \(Markup.markdown(group.cause.summary)) |\n"
            }
        }
        return out
    }

    func resultTable(_ results: [CheckResult]) -> String {
        var out = "| Rule | Account | Region | Resource | Message |\n| --- | --- | --- | --- | --- |\n"
        for result in limited(results) {
            out += "| \(Markup.markdown(result.ruleId)) | \(cell(result.accountLabel)) | \(cell(result.region))"
                + " | \(cell(result.resource)) | \(Markup.markdown(result.message)) |\n"
        }
        return out + more(results.count)
    }

    /// How to fix each rule of `results` that says so, once per rule: the results' own advice when they share it,
    /// else the last paragraph they share (the rule's general remediation follows a result's specific one).
    func remediations(_ results: [CheckResult]) -> String {
        var order: [String] = []
        var advice: [String: [String]] = [:]
        for result in results {
            guard let remediation = result.remediation else { continue }
            if advice[result.ruleId] == nil { order.append(result.ruleId) }
            advice[result.ruleId, default: []].append(remediation)
        }
        let fixes = order.map { rule in
            "- **\(Markup.markdown(rule))**: " + Markup.markdown(
                RemediationAdvice.common(advice[rule] ?? []).trimmingCharacters(in: .whitespacesAndNewlines)
                    .replacingOccurrences(of: "\n", with: " "))
        }
        guard !fixes.isEmpty else { return "" }
        return "\n<details><summary>How to fix</summary>\n\n" + fixes.joined(separator: "\n") + "\n\n</details>\n"
    }

    func coverageTable(_ grid: CoverageGrid) -> String {
        let protection = grid.knowsProtection
        var out = "| Account | Region | Instances | Covered | Uncovered | Excluded | % |\(protection ? " Protected |" : "") Uncovered because |\n"
            + "| --- | --- | ---: | ---: | ---: | ---: | ---: |\(protection ? " ---: |" : "") --- |\n"
        var heading: String?
        for cell in grid.worst(maxRows) {
            let ou = AccountLabel.ou(grid.ouPath(accountId: cell.accountId))
            if grid.knowsOUs && ou != heading {
                heading = ou
                out += "| **OU \(Markup.markdown(ou))** | | | | | | |\(protection ? " |" : "") |\n"
            }
            let reasons = cell.reasons.map { "\($0.reason.rawValue) \($0.count)" }.joined(separator: ", ")
            out += "| \(Markup.markdown(grid.label(accountId: cell.accountId))) | \(Markup.markdown(cell.region))"
                + " | \(cell.totals.instances) | \(cell.totals.covered) | \(cell.totals.uncovered) | \(cell.totals.excluded)"
                + " | \(cell.totals.formattedPercent) |\(protection ? " \(cell.totals.protected) |" : "") \(reasons) |\n"
        }
        let totals = grid.totals
        out += "| **Total** | | **\(totals.instances)** | **\(totals.covered)** | **\(totals.uncovered)** | **\(totals.excluded)**"
            + " | **\(totals.formattedPercent)** |\(protection ? " **\(totals.protected)** |" : "") |\n"
        return out + more(grid.cells.count)
    }

    func baselineSection(_ diff: BaselineDiff) -> String {
        var out = "### Changes since baseline\n\nCompared with the \(diff.baselinePhase.rawValue)-deployment report of "
            + "\(Timestamp.readable(diff.baselineStartedAt)): \(diff.headline).\n"
        let instances = diff.newlyUncovered.map { ("Newly uncovered", $0) } + diff.newlyCovered.map { ("Newly covered", $0) }
        if !instances.isEmpty {
            out += "\n| Change | Account | Region | Instance | Before | Now |\n| --- | --- | --- | --- | --- | --- |\n"
            for (label, change) in limited(instances) {
                let now = change.after.rawValue + (change.reason.map { " (\($0.rawValue))" } ?? "")
                out += "| \(label) | \(Markup.markdown(change.accountLabel)) | \(Markup.markdown(change.region))"
                    + " | \(Markup.markdown(change.instanceId))"
                    + " | \(change.before?.rawValue ?? "not seen") | \(now) |\n"
            }
            out += more(instances.count)
        }
        let results = diff.newlyFailing.map { ("Newly failing", $0) } + diff.resolved.map { ("Resolved", $0) }
        if !results.isEmpty {
            out += "\n| Change | Rule | Account | Region | Resource | Message |\n| --- | --- | --- | --- | --- | --- |\n"
            for (label, result) in limited(results) {
                out += "| \(label) | \(Markup.markdown(result.ruleId)) | \(cell(result.accountLabel)) | \(cell(result.region))"
                    + " | \(cell(result.resource)) | \(Markup.markdown(result.message)) |\n"
            }
            out += more(results.count)
        }
        return out
    }

    func limited<T>(_ rows: [T]) -> ArraySlice<T> {
        rows.prefix(maxRows ?? rows.count)
    }

    func more(_ count: Int) -> String {
        guard let maxRows, count > maxRows else { return "" }
        return "\n… and \(count - maxRows) more (see the full report).\n"
    }

    func cell(_ value: String?) -> String {
        value.map(Markup.markdown) ?? ""
    }

    func coverageCell(_ totals: CoverageTotals) -> String {
        totals.eligible == 0 ? "n/a" : "\(totals.formattedPercent)% (\(totals.covered)/\(totals.eligible))"
    }

    func icon(_ status: AuditReport.Status) -> String {
        switch status {
        case .pass: "✅"
        case .fail: "❌"
        case .incomplete: "⚠️"
        }
    }

    func verdict(_ status: AuditReport.Status) -> String {
        status.rawValue.uppercased()
    }
}
