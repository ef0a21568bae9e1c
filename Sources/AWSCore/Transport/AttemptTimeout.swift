import Foundation

/// The deadline of one attempt of an AWS call (connect, send and receive the whole response).
public enum AttemptTimeout {
    /// The default: 20 seconds.
    public static let standard: Duration = .seconds(20)

    /// `PREFLIGHT_ATTEMPT_TIMEOUT` (seconds, fractions allowed, more than 0 and at most 3600), else `standard`.
    public static func resolve(environment: [String: String]) throws -> Duration {
        guard let text = environment["PREFLIGHT_ATTEMPT_TIMEOUT"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty
        else { return standard }
        guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 3600 else {
            throw AttemptTimeoutError(value: text)
        }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}

