import Foundation

/// The retry token bucket shared by all requests of one client (botocore `RetryQuota` and
/// `RetryQuotaChecker`): every retry costs capacity, successes give some back, and once it is empty
/// failed requests are no longer retried.
public final class RetryQuota: @unchecked Sendable {
    /// Capacity of a new quota.
    public static let initialCapacity = 500
    /// Capacity a retry costs.
    public static let retryCost = 5
    /// Capacity a retry after a timeout costs.
    public static let timeoutRetryCost = 10
    /// Capacity returned by a request that succeeded without retries.
    public static let noRetryIncrement = 1

    /// The most capacity the quota can hold.
    public let maxCapacity: Int
    private let lock = NSLock()
    private var available: Int

    public init(capacity: Int = RetryQuota.initialCapacity) {
        maxCapacity = capacity
        available = capacity
    }

    /// Capacity left right now.
    public var availableCapacity: Int {
        lock.withLock { available }
    }

    /// Takes `amount` if that much is left; `false` (and nothing taken) otherwise.
    public func acquire(_ amount: Int) -> Bool {
        lock.withLock {
            guard amount <= available else {
                return false
            }
            available -= amount
            return true
        }
    }

    /// Gives back `amount`, never filling beyond ``maxCapacity``.
    public func release(_ amount: Int) {
        lock.withLock {
            available += min(maxCapacity - available, amount)
        }
    }
}
