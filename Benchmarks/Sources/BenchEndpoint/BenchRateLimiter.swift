import NIOConcurrencyHelpers
import NIOCore

/// Token buckets per key (account, region, service), as AWS throttles: `rate` tokens a second up to `burst`.
final class BenchRateLimiter: Sendable {
    /// What a bucket limits: one service of one account in one region.
    struct Key: Hashable, Sendable {
        var account: Int
        var region: String
        var service: String
    }

    private struct Bucket {
        var tokens: Double
        var updated: NIODeadline
    }

    private let buckets = NIOLockedValueBox<[Key: Bucket]>([:])

    /// Whether a request for `key` may pass now; `rate` 0 never throttles.
    func admit(_ key: Key, rate: Double, burst: Double) -> Bool {
        guard rate > 0 else { return true }
        let now = NIODeadline.now()
        return buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            let elapsed = Double((now - bucket.updated).nanoseconds) / 1e9
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.updated = now
            let admitted = bucket.tokens >= 1
            if admitted { bucket.tokens -= 1 }
            buckets[key] = bucket
            return admitted
        }
    }
}
