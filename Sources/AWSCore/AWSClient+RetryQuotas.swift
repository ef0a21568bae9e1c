import Foundation

extension AWSClient {
    /// One `RetryQuota` per rate-limit key (account and region), as the SDKs keep one per client and an auditor one
    /// client per account and region: throttling in one account and region cannot use up the retries of all others.
    final class RetryQuotas: @unchecked Sendable {
        private let lock = NSLock()
        private var quotas: [String: RetryQuota] = [:]

        func quota(for key: String) -> RetryQuota {
            lock.withLock {
                if let quota = quotas[key] { return quota }
                let quota = RetryQuota()
                quotas[key] = quota
                return quota
            }
        }
    }
}
