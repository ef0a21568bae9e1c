/// One `AdaptiveRateLimiter` per key (account and region), so throttling in one place slows only that place.
actor AdaptiveRateLimiterRegistry {
    private var limiters: [String: AdaptiveRateLimiter] = [:]

    func limiter(for key: String) -> AdaptiveRateLimiter {
        if let limiter = limiters[key] { return limiter }
        let limiter = AdaptiveRateLimiter()
        limiters[key] = limiter
        return limiter
    }
}
