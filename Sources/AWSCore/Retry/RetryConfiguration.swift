import Foundation

/// Retry settings of one AWS client: the mode and the total number of attempts per request.
public struct RetryConfiguration: Sendable, Equatable {
    /// Attempts per request (the first one included) when `AWS_MAX_ATTEMPTS` is not set.
    public static let defaultMaxAttempts = 3

    /// Standard mode, three attempts.
    public static let `default` = RetryConfiguration()

    public let mode: RetryMode
    /// Total attempts per request, the first one included; at least 1.
    public let maxAttempts: Int

    /// - Precondition: `maxAttempts >= 1`.
    public init(mode: RetryMode = .standard, maxAttempts: Int = RetryConfiguration.defaultMaxAttempts) {
        precondition(maxAttempts >= 1, "maxAttempts must be at least 1")
        self.mode = mode
        self.maxAttempts = maxAttempts
    }

    /// Reads `AWS_RETRY_MODE` and `AWS_MAX_ATTEMPTS` from `environment`; unset or blank variables keep
    /// the defaults (standard, 3 attempts).
    public init(environment: [String: String]) throws(RetryConfigurationError) {
        var mode = RetryMode.standard
        if let value = Self.setting(RetryConfigurationError.retryModeVariable, in: environment) {
            guard let parsed = RetryMode(settingValue: value) else {
                throw RetryConfigurationError(
                    variable: RetryConfigurationError.retryModeVariable, value: value, problem: .unknownRetryMode)
            }
            mode = parsed
        }
        var maxAttempts = Self.defaultMaxAttempts
        if let value = Self.setting(RetryConfigurationError.maxAttemptsVariable, in: environment) {
            guard let parsed = Int(value.trimmingCharacters(in: .whitespaces)) else {
                throw RetryConfigurationError(
                    variable: RetryConfigurationError.maxAttemptsVariable, value: value, problem: .notAnInteger)
            }
            guard parsed >= 1 else {
                throw RetryConfigurationError(
                    variable: RetryConfigurationError.maxAttemptsVariable, value: value, problem: .lessThanOne)
            }
            maxAttempts = parsed
        }
        self.init(mode: mode, maxAttempts: maxAttempts)
    }

    private static func setting(_ name: String, in environment: [String: String]) -> String? {
        guard let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            return nil
        }
        return value
    }
}
