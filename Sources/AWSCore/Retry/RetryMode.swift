import Foundation

/// How an AWS client retries failed requests (the `retry_mode` / `AWS_RETRY_MODE` setting).
public enum RetryMode: String, Sendable, Equatable, CaseIterable {
    /// Exponential backoff with full jitter, bounded by a per-client retry quota.
    case standard
    /// Standard mode plus a client-side rate limiter that slows down after throttling responses.
    case adaptive

    /// Parses a setting value: case-insensitive, surrounding whitespace ignored.
    ///
    /// `legacy` is accepted and treated as `standard`, since the legacy behaviour is SDK-specific and this
    /// SDK has no other; `nil` for anything else.
    public init?(settingValue: String) {
        switch settingValue.trimmingCharacters(in: .whitespaces).lowercased() {
        case "standard", "legacy":
            self = .standard
        case "adaptive":
            self = .adaptive
        default:
            return nil
        }
    }
}
