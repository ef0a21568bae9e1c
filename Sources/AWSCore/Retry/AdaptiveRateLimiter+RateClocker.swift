extension AdaptiveRateLimiter {
    /// Measures the send rate (botocore `adaptive.RateClocker`): counts per half-second bucket, smoothed
    /// exponentially.
    struct RateClocker: Sendable {
        static let smoothing = 0.8
        static let timeBucketRange = 0.5

        private(set) var measuredRate = 0.0
        private var lastBucket: Double
        private var count = 0

        init(now: Double) {
            lastBucket = now.rounded(.down)
        }

        /// Counts one request at `now` and returns the measured rate.
        mutating func record(now: Double) -> Double {
            let scale = 1 / Self.timeBucketRange
            let bucket = (now * scale).rounded(.down) / scale
            count += 1
            if bucket > lastBucket {
                let currentRate = Double(count) / (bucket - lastBucket)
                measuredRate = currentRate * Self.smoothing + measuredRate * (1 - Self.smoothing)
                count = 0
                lastBucket = bucket
            }
            return measuredRate
        }
    }
}
