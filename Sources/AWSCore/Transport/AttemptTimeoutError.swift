/// `PREFLIGHT_ATTEMPT_TIMEOUT` is not a number of seconds in (0, 3600].
public struct AttemptTimeoutError: Error, Sendable, Equatable, CustomStringConvertible {
    public var value: String

    public var description: String {
        "PREFLIGHT_ATTEMPT_TIMEOUT '\(value)' must be a number of seconds greater than 0 and at most 3600"
    }
}
