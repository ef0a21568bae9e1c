/// How a rule's findings count: as failures, or as warnings that fail a run only with `--fail-on warn`.
public enum Severity: String, Sendable, Codable, CaseIterable {
    case fail, warn

    /// The status a finding of this severity gets.
    public var findingStatus: CheckStatus {
        switch self {
        case .fail: .fail
        case .warn: .warn
        }
    }
}
