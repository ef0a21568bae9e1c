import PreflightEngine

/// Renders a report for a terminal: grouped by rule, failures first, with counts, a coverage table per account and
/// region (worst first) and a one-line verdict.
public struct TextReportRenderer: Sendable {
    public var color: Bool
    public var width: Int

    public init(color: Bool, width: Int = 100) {
        self.color = color
        self.width = max(60, width)
    }

    public func render(_ report: AuditReport) -> String {
        var out = ""
        let groups = Dictionary(grouping: report.results, by: \.ruleId)
        let order = report.results.map(\.ruleId).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let ranked = order.sorted { worst(groups[$0]!) < worst(groups[$1]!) }
        out += "Preflight \(report.phase.rawValue)-deployment check\n\n"
        for ruleId in ranked {
            let results = groups[ruleId]!.sorted { $0.status < $1.status }
            let counts = CheckStatus.allCases.compactMap { status -> String? in
                let count = results.filter { $0.status == status }.count
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            out += "\(badge(worst(results))) \(ruleId): \(results[0].title) (\(counts.joined(separator: ", ")))\n"
            for result in results where result.status != .pass {
                out += "    \(paint(result.status.rawValue.uppercased(), result.status)) \(scope(result))\(truncate(result.message))\n"
            }
        }
        if !report.coverage.instances.isEmpty {
            out += "\n" + coverageTable(report.coverage)
        }
        out += "\n" + verdict(report) + "\n"
        return out
    }

    func coverageTable(_ coverage: AuditReport.CoverageBlock) -> String {
        struct Row { var account: String; var region: String; var totals: CoverageTotals }
        let grouped = Dictionary(grouping: coverage.instances) { "\($0.accountId)|\($0.region)" }
        let rows = grouped.map { key, instances in
            let parts = key.split(separator: "|")
            return Row(account: String(parts[0]), region: String(parts[1]), totals: CoverageTotals(instances))
        }.sorted { percent($0.totals) != percent($1.totals) ? percent($0.totals) < percent($1.totals) : ($0.account, $0.region) < ($1.account, $1.region) }
        var out = "Coverage (account × region, worst first)\n"
        out += pad("account", 14) + pad("region", 16) + pad("instances", 11) + pad("covered", 9) + pad("uncovered", 11)
            + pad("excluded", 10) + "%\n"
        for row in rows {
            out += pad(row.account, 14) + pad(row.region, 16) + pad("\(row.totals.instances)", 11) + pad("\(row.totals.covered)", 9)
                + pad("\(row.totals.uncovered)", 11) + pad("\(row.totals.excluded)", 10) + formatPercent(row.totals) + "\n"
        }
        let totals = coverage.totals
        out += pad("total", 30) + pad("\(totals.instances)", 11) + pad("\(totals.covered)", 9) + pad("\(totals.uncovered)", 11)
            + pad("\(totals.excluded)", 10) + formatPercent(totals) + "\n"
        return out
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

    /// Covered share of the eligible (non-excluded) instances, 100 when there are none.
    func percent(_ totals: CoverageTotals) -> Double {
        let eligible = totals.covered + totals.uncovered
        return eligible == 0 ? 100 : Double(totals.covered) * 100 / Double(eligible)
    }

    func formatPercent(_ totals: CoverageTotals) -> String {
        let value = (percent(totals) * 10).rounded() / 10
        return value == value.rounded() ? "\(Int(value))" : "\(value)"
    }

    func worst(_ results: [CheckResult]) -> CheckStatus {
        results.map(\.status).min() ?? .pass
    }

    func scope(_ result: CheckResult) -> String {
        let parts = [result.accountId, result.region].compactMap { $0 }
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

    func truncate(_ text: String) -> String {
        let limit = width - 10
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
