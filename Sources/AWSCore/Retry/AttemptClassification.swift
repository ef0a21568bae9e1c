/// The retry-relevant verdict on an ``AttemptOutcome``.
public enum AttemptClassification: Sendable, Equatable {
    case success
    case retryable(RetryableErrorKind)
    case notRetryable

    /// Whether the attempt was throttled; feed this to ``AdaptiveRateLimiter/update(throttled:)``.
    public var isThrottling: Bool {
        self == .retryable(.throttling)
    }
}
