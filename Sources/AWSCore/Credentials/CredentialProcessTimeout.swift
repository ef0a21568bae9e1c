import Foundation

/// How long a profile's `credential_process` may run before it is killed.
public enum CredentialProcessTimeout {
    /// The default: 60 seconds.
    public static let standard: Duration = .seconds(60)

    /// `PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT` (seconds, fractions allowed, more than 0 and at most 3600), else
    /// `standard`.
    /// - Throws: `CredentialProviderError` (`.invalid`) when the variable is not such a number.
    public static func resolve(environment: [String: String]) throws -> Duration {
        let variable = "PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT"
        guard let text = environment[variable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return standard
        }
        guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 3600 else {
            throw CredentialProviderError(
                .invalid, provider: "environment",
                message: "\(variable) '\(text)' must be a number of seconds greater than 0 and at most 3600")
        }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
