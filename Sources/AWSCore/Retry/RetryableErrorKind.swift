/// Why a failed attempt may be retried.
public enum RetryableErrorKind: Sendable, Equatable {
    /// The service asked the client to slow down (a throttling error code).
    case throttling
    /// A transient service error (transient code or 500/502/503/504) or a broken connection.
    case transient
    /// The connection or the response timed out; costs more retry quota than other errors.
    case timeout
}
