import AWSCore
import Testing

struct AdaptiveRateLimiterTests {
    @Test func staysInactiveUntilTheFirstThrottle() async throws {
        let clock = RetryTestClock()
        let limiter = AdaptiveRateLimiter(clock: clock)
        for step in 1...50 {
            clock.set(Double(step) / 100)
            try await limiter.acquire()
            await limiter.update(throttled: false)
        }
        #expect(await !limiter.isEnabled)
        #expect(clock.sleeps.isEmpty)

        await limiter.update(throttled: true)
        #expect(await limiter.isEnabled)
    }

    /// botocore: a throttle at t=0 with nothing measured yet drops the rate to the 0.5/s floor, so each
    /// token takes 2 s.
    @Test func waitsForTokensOnceThrottled() async throws {
        let clock = RetryTestClock()
        let limiter = AdaptiveRateLimiter(clock: clock)
        await limiter.update(throttled: true)
        #expect(await limiter.fillRate == 0.5)
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(clock.sleeps == [2, 2])
        #expect(clock.now() == 4)
    }

    /// The expected numbers come from running the same timeline once through botocore 1.43.11's own
    /// classes (`adaptive.ClientRateLimiter`, `adaptive.RateClocker`, `throttling.CubicCalculator`,
    /// `bucket.TokenBucket`) with a fake clock whose `current_time()` returns `t` and whose sleep adds the
    /// amount rounded up to whole nanoseconds, and a throttling detector returning the given flag:
    ///
    ///     for i in range(1, 31): t = i / 10; on_receiving_response(throttled=False)
    ///     t = 3.05; on_receiving_response(throttled=True)
    ///     t = 3.1;  on_receiving_response(throttled=True)
    ///     70 times: acquire()   # loop: TokenBucket.acquire(block=False), on
    ///                           # CapacityNotAvailableError sleep(_sleep_amount(1))
    ///               t += 0.01; on_receiving_response(throttled=False)
    ///
    /// printing `t`, `TokenBucket.max_rate`, `RateClocker.measured_rate` and the time spent in `acquire`.
    @Test func matchesBotocoreThroughThrottlesAndRecovery() async throws {
        let clock = RetryTestClock()
        let limiter = AdaptiveRateLimiter(clock: clock)

        for step in 1...30 {
            clock.set(Double(step) / 10)
            await limiter.update(throttled: false)
        }
        #expect(await !limiter.isEnabled)
        #expect(approx(await limiter.fillRate, 10.8))
        #expect(approx(await limiter.measuredSendRate, 9.99936))

        // Two throttles: the rate drops to beta (0.7) times the measured rate, then 0.7 times that.
        clock.set(3.05)
        await limiter.update(throttled: true)
        #expect(await limiter.isEnabled)
        #expect(approx(await limiter.fillRate, 6.9995519999999996))
        clock.set(3.1)
        await limiter.update(throttled: true)
        #expect(approx(await limiter.fillRate, 4.899686399999999))

        // Requests as fast as the limiter allows, each answered 10 ms later: the bucket's stored tokens
        // last five requests, then each request waits; the rate climbs back along the cubic curve.
        let expected: [Int: (now: Double, fillRate: Double, measured: Double, waited: Double)] = [
            0: (3.11, 4.935724979948661, 9.99936, 0),
            4: (3.149999999999999, 5.075756156757622, 9.99936, 0),
            5: (3.327810814999999, 5.621918916719287, 9.99936, 0.16781081500000017),
            6: (3.5066575119999985, 6.055695177436851, 16.399872, 0.16884669699999977),
            9: (3.9821567909999978, 6.748821912031934, 16.399872, 0.14208466399999997),
        ]
        // From request 10 on, cumulative time spent waiting in `acquire`.
        let recovery: [Int: (now: Double, fillRate: Double, measured: Double, waited: Double)] = [
            29: (6.702981639999995, 9.594330372122986, 7.933977591808, 2.520824849000001),
            49: (8.12979277799999, 21.267675444343823, 15.359471820734464, 3.7476359870000007),
            69: (8.884517192999985, 33.50357563199491, 20.671894364146894, 4.302360402),
        ]
        var waitedSinceTen = 0.0
        for request in 0..<70 {
            let start = clock.now()
            try await limiter.acquire()
            let waited = clock.now() - start
            clock.advance(by: 0.01)
            await limiter.update(throttled: false)
            if request >= 10 {
                waitedSinceTen += waited
            }
            guard let point = expected[request] ?? recovery[request] else {
                continue
            }
            #expect(approx(clock.now(), point.now), "request \(request)")
            #expect(approx(await limiter.fillRate, point.fillRate), "request \(request)")
            #expect(approx(await limiter.measuredSendRate, point.measured), "request \(request)")
            #expect(approx(request >= 10 ? waitedSinceTen : waited, point.waited), "request \(request)")
        }
    }

    @Test func limitersAreIndependentPerKey() async throws {
        let clock = RetryTestClock()
        let limiters = [
            "111111111111/eu-west-1": AdaptiveRateLimiter(clock: clock),
            "111111111111/us-east-1": AdaptiveRateLimiter(clock: clock),
        ]
        await limiters["111111111111/eu-west-1"]?.update(throttled: true)
        try await limiters["111111111111/us-east-1"]?.acquire()
        try await limiters["111111111111/us-east-1"]?.acquire()
        #expect(clock.sleeps.isEmpty)
        #expect(await limiters["111111111111/us-east-1"]?.isEnabled == false)
        #expect(await limiters["111111111111/eu-west-1"]?.isEnabled == true)
    }

    @Test func acquireThrowsWhenTheWaitIsCancelled() async {
        let limiter = AdaptiveRateLimiter(clock: CancelledClock())
        await limiter.update(throttled: true)
        await #expect(throws: CancellationError.self) {
            try await limiter.acquire()
        }
    }

    @Test func systemClockIsMonotonicAndSleeps() async throws {
        let clock = SystemRateLimiterClock()
        let before = clock.now()
        try await clock.sleep(seconds: 0.01)
        #expect(clock.now() - before >= 0.01)
    }

    private func approx(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }
}

/// A clock whose every sleep is cancelled.
private struct CancelledClock: RateLimiterClock {
    func now() -> Double { 0 }

    func sleep(seconds: Double) async throws {
        throw CancellationError()
    }
}
