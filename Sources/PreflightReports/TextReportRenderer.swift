import PreflightEngine

/// Renders a report for a terminal: grouped by rule, failures first, with counts, the changes since a baseline,
/// a coverage table per account and region (grouped by OU) and a one-line verdict. Lines fit in `width` columns;
/// control characters of messages are neutralised so that AWS data cannot drive the terminal.
public struct TextReportRenderer: Sendable {
    public var color: Bool
    public var width: Int
    /// At most this many non-passing results per rule and coverage rows (the rest are counted).
    public var maxLines: Int

    public init(color: Bool, width: Int = 100, maxLines: Int = 20) {
        self.color = color
        self.width = max(60, width)
        self.maxLines = max(1, maxLines)
    }

    public func render(_ report: AuditReport, baseline: BaselineDiff? = nil) -> String {
        var out = "Preflight \(report.phase.rawValue)-deployment check\n\n"
        let groups = Dictionary(grouping: report.results, by: \.ruleId)
        let order = report.results.map(\.ruleId).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let ranked = order.enumerated().sorted { lhs, rhs in
            let (left, right) = (worst(groups[lhs.element]!), worst(groups[rhs.element]!))
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        for ruleId in ranked {
            let results = groups[ruleId]!.enumerated().sorted { lhs, rhs in
                lhs.element.status != rhs.element.status ? lhs.element.status < rhs.element.status : lhs.offset < rhs.offset
            }.map(\.element)
            let counts = CheckStatus.allCases.compactMap { status -> String? in
                let count = results.filter { $0.status == status }.count
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            let heading = fit("\(ruleId): \(results[0].title) (\(counts.joined(separator: ", ")))", width - 6)
            out += "\(badge(worst(results))) \(heading)\n"
            let shown = results.filter { $0.status != .pass }
            for result in shown.prefix(maxLines) {
                let scope = scope(result)
                out += "    \(paint(result.status.rawValue.uppercased(), result.status)) "
                    + fit(scope + result.message, width - 5 - result.status.rawValue.count) + "\n"
            }
            if shown.count > maxLines {
                out += "    … \(shown.count - maxLines) more (see the JSON or HTML report)\n"
            }
        }
        if let baseline {
            out += "\n" + baselineSection(baseline)
        }
        if !report.coverage.instances.isEmpty {
            out += "\n" + coverageTable(report.coverage)
        }
        let causes = CauseGroups(report.coverage.instances)
        if !causes.isEmpty {
            out += "\nWhy instances are not managed by Systems Manager (first cause)\n"
            for group in causes.groups {
                out += "  " + fit(group.line + " (" + group.cause.summary + ")", width - 2) + "\n"
            }
        }
        out += "\n" + verdict(report) + "\n"
        return out
    }

    func baselineSection(_ diff: BaselineDiff) -> String {
        var out = fit("Changes since baseline (\(diff.baselinePhase.rawValue), \(Timestamp.readable(diff.baselineStartedAt)))", width) + "\n"
        out += "  instances: \(diff.newlyCovered.count) newly covered, \(diff.newlyUncovered.count) newly uncovered\n"
        out += "  results: \(diff.newlyFailing.count) newly failing, \(diff.resolved.count) resolved\n"
        let instances = diff.newlyUncovered.map { (CheckStatus.fail, "uncovered", $0) } + diff.newlyCovered.map { (CheckStatus.pass, "covered", $0) }
        for (status, label, change) in instances.prefix(maxLines) {
            let before = change.before?.rawValue ?? "not seen"
            let reason = change.reason.map { ": \($0.rawValue)" } ?? ""
            out += "  \(paint(pad(label, 10), status))"
                + fit("\(change.accountLabel) \(change.region) \(change.instanceId) (\(before) → \(change.after.rawValue)\(reason))",
                      width - 12) + "\n"
        }
        if instances.count > maxLines { out += "  … \(instances.count - maxLines) more instances\n" }
        let results = diff.newlyFailing.map { (CheckStatus.fail, "failing", $0) } + diff.resolved.map { (CheckStatus.pass, "resolved", $0) }
        for (status, label, result) in results.prefix(maxLines) {
            out += "  \(paint(pad(label, 10), status))" + fit("\(result.ruleId) \(scope(result))\(result.message)", width - 12) + "\n"
        }
        if results.count > maxLines { out += "  … \(results.count - maxLines) more results\n" }
        return out
    }

    func coverageTable(_ coverage: AuditReport.CoverageBlock) -> String {
        let grid = CoverageGrid(coverage)
        let shown = grid.worst(maxLines)
        let indent = String(repeating: " ", count: grid.knowsOUs ? 2 : 0)
        let regionWidth = max(6, shown.map(\.region.count).max() ?? 0) + 2
        let protection = grid.knowsProtection
        let wide = ["instances", "covered", "uncovered", "excluded"] + (protection ? ["protected"] : [])
        let narrow = ["inst", "cov", "uncov", "excl"] + (protection ? ["prot"] : [])
        // The account column takes what the narrow columns and the percentage leave.
        let room = width - regionWidth - narrow.map { $0.count + 2 }.reduce(0, +) - 5 - indent.count - 2
        func account(_ cell: CoverageGrid.Cell) -> String {
            indent + accountLabel(cell.accountId, name: grid.name(accountId: cell.accountId), limit: room)
        }
        let accountWidth = max(7, shown.map { account($0).count }.max() ?? 0) + 2
        let labels = accountWidth + regionWidth + wide.map { $0.count + 2 }.reduce(0, +) + 5 <= width ? wide : narrow
        let widths = labels.map { $0.count + 2 }
        func row(_ account: String, _ region: String, _ totals: CoverageTotals) -> String {
            pad(account, accountWidth) + pad(region, regionWidth)
                + zip([totals.instances, totals.covered, totals.uncovered, totals.excluded] + (protection ? [totals.protected] : []), widths)
                .map { pad("\($0)", $1) }.joined()
                + (totals.eligible == 0 ? "n/a" : totals.formattedPercent) + "\n"
        }
        let cut = grid.cells.count > shown.count ? ", the \(shown.count) worst" : ""
        var out = "Coverage (account × region\(cut)\(grid.knowsOUs ? ", by OU" : ""))\n"
        out += pad("account", accountWidth) + pad("region", regionWidth) + zip(labels, widths).map { pad($0, $1) }.joined() + "%\n"
        var heading: String?
        for cell in shown {
            let ou = AccountLabel.ou(grid.ouPath(accountId: cell.accountId))
            if grid.knowsOUs && ou != heading {
                heading = ou
                out += fit("OU " + ou, width) + "\n"
            }
            out += row(account(cell), cell.region, cell.totals)
        }
        if grid.cells.count > shown.count {
            out += "… \(grid.cells.count - shown.count) more account × region\n"
        }
        return out + row("total", "", grid.totals)
    }

    /// `name (id)` on one line in at most `limit` characters: the name cut when needed, only the id when even a cut
    /// name does not fit.
    func accountLabel(_ id: String, name: String?, limit: Int) -> String {
        let full = AccountLabel.account(id, name: name)
        if full.count <= limit { return fit(full, full.count) }
        guard let name, limit >= id.count + 13 else { return id }
        return fit(name, limit - id.count - 3) + " (\(id))"
    }

    public func verdict(_ report: AuditReport) -> String {
        let summary = report.summary
        let counts = "\(summary.fail) fail, \(summary.error) error, \(summary.warn) warn, \(summary.pass) pass, \(summary.skip) skip"
        switch report.status {
        case .pass: return paint("PASS", .pass) + " the deployment can proceed (\(counts))"
        case .fail: return paint("FAIL", .fail) + " \(counts)"
        case .incomplete: return paint("INCOMPLETE", .error) + " some checks could not be evaluated (\(counts))"
        }
    }

    func worst(_ results: [CheckResult]) -> CheckStatus {
        results.map(\.status).min() ?? .pass
    }

    func scope(_ result: CheckResult) -> String {
        let parts = [result.accountLabel, result.region].compactMap { $0 }
        return parts.isEmpty ? "" : "[\(parts.joined(separator: " "))] "
    }

    func badge(_ status: CheckStatus) -> String {
        paint(pad(status.rawValue.uppercased(), 5), status)
    }

    func paint(_ text: String, _ status: CheckStatus) -> String {
        guard color else { return text }
        let code = switch status {
        case .fail: "31"
        case .error: "35"
        case .warn: "33"
        case .skip: "90"
        case .pass: "32"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// `text` on one line of at most `limit` characters: line breaks and tabs as spaces, other control
    /// characters as U+FFFD, cut with an ellipsis.
    func fit(_ text: String, _ limit: Int) -> String {
        var line = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": line += " "
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}": line += "\u{FFFD}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        let limit = max(10, limit)
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
