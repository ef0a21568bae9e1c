import Foundation
import PreflightEngine

/// The file formats of a report.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json, junit, sarif, markdown, html, asff, ocsf

    /// The file's name in an output directory.
    public var fileName: String {
        switch self {
        case .json: "report.json"
        case .junit: "report.junit.xml"
        case .sarif: "report.sarif"
        case .markdown: "report.md"
        case .html: "report.html"
        case .asff: "report.asff.json"
        case .ocsf: "report.ocsf.json"
        }
    }

    /// Renders `report` in this format; `rules` describe the rules (SARIF, HTML, ASFF, OCSF), `baseline` adds the changes since
    /// a baseline (Markdown, HTML).
    public func render(_ report: AuditReport, rules: [RuleDescription] = [], baseline: BaselineDiff? = nil) throws -> Data {
        switch self {
        case .json: try report.jsonData() + Data("\n".utf8)
        case .junit: Data(JUnitReportRenderer().render(report).utf8)
        case .sarif: try SARIFReportRenderer().render(report, rules: rules)
        case .markdown: Data(MarkdownReportRenderer().render(report, baseline: baseline).utf8)
        case .html: Data(HTMLReportRenderer().render(report, rules: rules, baseline: baseline).utf8)
        case .asff: try ASFFReportRenderer().render(report, rules: rules)
        case .ocsf: try OCSFReportRenderer().render(report, rules: rules)
        }
    }
}
