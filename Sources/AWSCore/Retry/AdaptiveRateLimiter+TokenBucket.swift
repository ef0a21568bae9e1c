extension AdaptiveRateLimiter {
    /// The send-token bucket (botocore `bucket.TokenBucket`), refilled continuously at `fillRate`.
    struct TokenBucket: Sendable {
        static let minRate = 0.5

        private(set) var fillRate: Double
        private(set) var maxCapacity: Double
        private(set) var currentCapacity = 0.0
        private var lastTimestamp: Double

        init(maxRate: Double, now: Double) {
            lastTimestamp = now
            fillRate = max(maxRate, Self.minRate)
            maxCapacity = max(maxRate, 1)
        }

        /// Sets a new rate after adding the tokens earned at the old one; capacity follows the rate
        /// (at least one token).
        mutating func setMaxRate(_ value: Double, now: Double) {
            refill(now: now)
            fillRate = max(value, Self.minRate)
            maxCapacity = value >= 1 ? value : 1
            currentCapacity = min(currentCapacity, maxCapacity)
        }

        mutating func refill(now: Double) {
            let fillAmount = (now - lastTimestamp) * fillRate
            currentCapacity = min(maxCapacity, currentCapacity + fillAmount)
            lastTimestamp = now
        }

        /// Takes one token if a whole one is available.
        mutating func tryAcquire() -> Bool {
            guard currentCapacity >= 1 else {
                return false
            }
            currentCapacity -= 1
            return true
        }

        func secondsUntilToken() -> Double {
            (1 - currentCapacity) / fillRate
        }
    }
}
