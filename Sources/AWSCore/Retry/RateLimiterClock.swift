/// The time source of an ``AdaptiveRateLimiter``, in seconds; inject a manual one in tests.
public protocol RateLimiterClock: Sendable {
    /// Seconds since an arbitrary, fixed origin; never decreases.
    func now() -> Double
    /// Suspends for `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: Double) async throws
}
