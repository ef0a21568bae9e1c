import Foundation
import PreflightEngine

/// Renders a report as JUnit XML for CI test views: one `<testsuite>` per rule, one `<testcase>` per result. A
/// failure is a `<failure>`, an error an `<error>`, a skip `<skipped/>`; a warning passes with `WARN …` in
/// `<system-out>`.
public struct JUnitReportRenderer: Sendable {
    /// The longest test case name, in characters (the message's first line is cut to fit).
    public var nameLimit: Int

    public init(nameLimit: Int = 160) {
        self.nameLimit = nameLimit
    }

    public func render(_ report: AuditReport) -> String {
        let groups = Dictionary(grouping: report.results, by: \.ruleId)
        let ruleIds = report.results.map(\.ruleId).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let summary = report.summary
        let time = String(format: "%.3f", max(0, report.finishedAt.timeIntervalSince(report.startedAt)))
        let timestamp = Timestamp.local(report.startedAt)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"preflight \(report.phase.rawValue)-deployment check\" tests=\"\(report.results.count)\""
            + " failures=\"\(summary.fail)\" errors=\"\(summary.error)\" skipped=\"\(summary.skip)\" time=\"\(time)\""
            + " timestamp=\"\(timestamp)\">\n"
        for (index, ruleId) in ruleIds.enumerated() {
            let results = groups[ruleId]!
            let counts = AuditReport.Summary(results)
            out += "  <testsuite name=\"\(Markup.xml(ruleId))\" id=\"\(index)\" package=\"preflight.\(report.phase.rawValue)\""
                + " tests=\"\(results.count)\" failures=\"\(counts.fail)\" errors=\"\(counts.error)\""
                + " skipped=\"\(counts.skip)\" time=\"0\" timestamp=\"\(timestamp)\" hostname=\"preflight\">\n"
            out += "    <properties>\n"
            out += "      <property name=\"title\" value=\"\(Markup.xml(results[0].title))\"/>\n"
            out += "      <property name=\"severity\" value=\"\(results[0].severity.rawValue)\"/>\n"
            out += "    </properties>\n"
            for result in results {
                out += testCase(result)
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    func testCase(_ result: CheckResult) -> String {
        let name = result.scopeLabel.map { "\($0): " } ?? ""
        let summary = result.summary(limit: max(20, nameLimit - name.count))
        let open = "    <testcase classname=\"\(Markup.xml(result.ruleId))\" name=\"\(Markup.xml(name + summary))\" time=\"0\""
        switch result.status {
        case .pass:
            return open + "/>\n"
        case .skip:
            return open + ">\n      <skipped message=\"\(Markup.xml(result.message))\"/>\n    </testcase>\n"
        case .warn:
            return open + ">\n      <system-out>\(Markup.xml("WARN " + details(result), attribute: false))</system-out>\n    </testcase>\n"
        case .fail, .error:
            let element = result.status == .fail ? "failure" : "error"
            return open + ">\n      <\(element) message=\"\(Markup.xml(result.message))\" type=\"\(result.status.rawValue)\">"
                + Markup.xml(details(result), attribute: false) + "</\(element)>\n    </testcase>\n"
        }
    }

    /// The message, the subject, the remediation and the evidence, one per paragraph.
    func details(_ result: CheckResult) -> String {
        var parts = [result.message]
        let subject = [("account", result.accountLabel), ("OU", result.ouPath.map { AccountLabel.ou($0) }), ("region", result.region),
                       ("resource", result.resource)]
            .compactMap { label, value in value.map { "\(label): \($0)" } }
        if !subject.isEmpty { parts.append(subject.joined(separator: "\n")) }
        if let remediation = result.remediation { parts.append("Remediation: " + remediation) }
        if let evidence = result.evidenceJSON { parts.append("Evidence: " + evidence) }
        return parts.joined(separator: "\n\n")
    }
}
