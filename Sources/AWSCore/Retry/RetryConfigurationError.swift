/// An environment variable holds an invalid retry setting.
public struct RetryConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the value.
    public enum Problem: Sendable, Equatable {
        /// `AWS_RETRY_MODE` is not `standard`, `adaptive` or `legacy`.
        case unknownRetryMode
        /// `AWS_MAX_ATTEMPTS` is not a whole number.
        case notAnInteger
        /// `AWS_MAX_ATTEMPTS` is zero or negative.
        case lessThanOne
    }

    static let retryModeVariable = "AWS_RETRY_MODE"
    static let maxAttemptsVariable = "AWS_MAX_ATTEMPTS"

    /// Name of the offending environment variable.
    public let variable: String
    /// The value found in it.
    public let value: String
    public let problem: Problem

    public init(variable: String, value: String, problem: Problem) {
        self.variable = variable
        self.value = value
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .unknownRetryMode:
            "\(variable) must be 'standard' or 'adaptive', got '\(value)'"
        case .notAnInteger:
            "\(variable) must be a whole number of attempts, got '\(value)'"
        case .lessThanOne:
            "\(variable) must be at least 1, got '\(value)'"
        }
    }
}
