/// The client-side rate limiter of the adaptive retry mode, mirroring botocore's `ClientRateLimiter`
/// (`botocore/retries/adaptive.py`): a token bucket whose fill rate follows CUBIC, shrinking on
/// throttling responses and growing back afterwards. It stays inactive until the first throttle.
///
/// Throttling is scoped to what the service throttles, so keep one limiter per account and region
/// (the caller owns the dictionary); a throttled account-region then never slows the others down.
public actor AdaptiveRateLimiter {
    /// The fill rate never exceeds this multiple of the measured send rate.
    static let maxRateAdjustScale = 2.0

    private let clock: any RateLimiterClock
    private var cubic: CubicCalculator
    private var bucket: TokenBucket
    private var rateClocker: RateClocker
    private var enabled = false

    public init(clock: any RateLimiterClock = SystemRateLimiterClock()) {
        let now = clock.now()
        self.clock = clock
        cubic = CubicCalculator(startingMaxRate: 0, startTime: now)
        bucket = TokenBucket(maxRate: 1, now: now)
        rateClocker = RateClocker(now: now)
    }

    /// Whether the limiter has seen a throttle and now delays requests.
    public var isEnabled: Bool { enabled }

    /// Requests per second the token bucket currently allows.
    public var fillRate: Double { bucket.fillRate }

    /// Smoothed rate at which responses were recorded, in requests per second.
    public var measuredSendRate: Double { rateClocker.measuredRate }

    /// Waits for a send token; call before every attempt. Returns at once until the first throttle.
    ///
    /// - Throws: `CancellationError` (from the clock) when the task is cancelled while waiting.
    public func acquire() async throws {
        guard enabled else {
            return
        }
        while true {
            bucket.refill(now: clock.now())
            if bucket.tryAcquire() {
                return
            }
            try await clock.sleep(seconds: bucket.secondsUntilToken())
        }
    }

    /// Records the response to an attempt (any outcome); `throttled` per ``AttemptClassification/isThrottling``.
    public func update(throttled: Bool) {
        let now = clock.now()
        let measuredRate = rateClocker.record(now: now)
        let newRate: Double
        if throttled {
            let rateToUse = enabled ? min(measuredRate, bucket.fillRate) : measuredRate
            newRate = cubic.errorReceived(currentRate: rateToUse, timestamp: now)
            enabled = true
        } else {
            newRate = cubic.successReceived(timestamp: now)
        }
        bucket.setMaxRate(min(newRate, Self.maxRateAdjustScale * measuredRate), now: now)
    }
}
