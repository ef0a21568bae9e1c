import Foundation
import PreflightEngine

/// Renders a report as SARIF 2.1.0 for code-scanning tools: one run whose driver lists the rules; a failure is a
/// result of level `error`, a warning of level `warning`, an error (the check could not be evaluated) of level
/// `error` with `properties.status` `error`; passes are results of kind `pass` and skips of kind
/// `notApplicable`. A message starts with the account (`name (id): `); each result's logical location is
/// `account/region/resource`; its physical location is the rule's file when known.
public struct SARIFReportRenderer: Sendable {
    /// Where the tool is documented.
    public static let informationUri = "https://github.com/preflight/preflight"

    public init() {}

    public func render(_ report: AuditReport, rules known: [RuleDescription] = []) throws -> Data {
        let rules = RuleDescription.complete(known, for: report)
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let log = SARIFLog(runs: [
            SARIFLog.Run(
                tool: .init(driver: .init(
                    name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version,
                    informationUri: Self.informationUri, rules: rules.map(descriptor))),
                automationDetails: .init(id: "preflight/\(report.phase.rawValue)/"),
                invocations: [.init(
                    executionSuccessful: report.summary.error == 0, startTimeUtc: Timestamp.iso8601(report.startedAt),
                    endTimeUtc: Timestamp.iso8601(report.finishedAt))],
                results: report.results.map { result($0, ruleIndex: index[$0.ruleId]!, source: rules[index[$0.ruleId]!].source) },
                properties: .init(
                    phase: report.phase, status: report.status, summary: report.summary, coverage: report.coverage.totals))
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(log) + Data("\n".utf8)
    }

    func descriptor(_ rule: RuleDescription) -> SARIFLog.ReportingDescriptor {
        SARIFLog.ReportingDescriptor(
            id: rule.id, name: Self.pascalCase(rule.id), shortDescription: .init(text: rule.title),
            fullDescription: rule.why.map { .init(text: Self.trimmed($0)) },
            help: (rule.remediation ?? rule.why).map { .init(text: Self.trimmed($0)) },
            defaultConfiguration: .init(level: rule.severity == .fail ? "error" : "warning"))
    }

    func result(_ result: CheckResult, ruleIndex: Int, source: String?) -> SARIFLog.Result {
        let (kind, level): (String, String) = switch result.status {
        case .fail: ("fail", "error")
        case .warn: ("fail", "warning")
        case .error: ("fail", "error")
        case .pass: ("pass", "none")
        case .skip: ("notApplicable", "none")
        }
        let path = result.scopePath ?? "organization"
        let message = result.status == .error ? "Could not be evaluated: \(result.message)" : result.message
        let text = result.accountLabel.map { "\($0): \(message)" } ?? message
        return SARIFLog.Result(
            ruleId: result.ruleId, ruleIndex: ruleIndex, kind: kind, level: level, message: .init(text: text),
            locations: [.init(
                physicalLocation: source.map { .init(artifactLocation: .init(uri: Self.uriReference($0))) },
                logicalLocations: [.init(name: result.resource ?? result.region ?? result.accountId ?? path, fullyQualifiedName: path, kind: "resource")])],
            partialFingerprints: ["preflightSubject/v1": result.subjectKey],
            properties: .init(
                status: result.status, severity: result.severity, accountId: result.accountId,
                accountName: result.accountName, ouPath: result.ouPath, region: result.region,
                resource: result.resource, remediation: result.remediation.map(Self.trimmed),
                evidence: result.evidence.isEmpty ? nil : result.evidence))
    }

    /// `deployer-permissions` → `DeployerPermissions`.
    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative file path as a URI reference: `/`-separated, percent-encoded.
    static func uriReference(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
