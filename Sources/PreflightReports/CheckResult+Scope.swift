import Foundation
import PreflightEngine

extension CheckResult {
    /// `account/region/resource` with the parts the result has, nil for a result about the organization.
    var scopePath: String? {
        let parts = [accountId, region, resource].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The first line of the message, cut to `limit` characters with an ellipsis.
    func summary(limit: Int) -> String {
        let line = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count <= limit ? line : String(line.prefix(max(1, limit - 1))) + "…"
    }

    /// The evidence as compact JSON with sorted keys, nil when there is none.
    var evidenceJSON: String? {
        guard !evidence.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(evidence)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// What identifies the subject of a result across runs: rule, account, region and resource.
    var subjectKey: String {
        [ruleId, accountId ?? "", region ?? "", resource ?? ""].joined(separator: "|")
    }
}
