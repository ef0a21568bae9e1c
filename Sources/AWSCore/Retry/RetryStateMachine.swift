import Foundation

/// Decides, attempt by attempt, whether a request is done, retried or given up, following the standard
/// retry mode of botocore (`RetryHandler`, `StandardRetryConditions`, `ExponentialBackoff`,
/// `RetryQuotaChecker`). Performs no I/O: the caller sends, records the outcome, and sleeps as told.
///
/// In adaptive mode the caller additionally waits on an ``AdaptiveRateLimiter`` before every attempt and
/// reports every outcome to it; this state machine is the same in both modes.
public struct RetryStateMachine: Sendable {
    /// What to do after an attempt.
    public enum Decision: Sendable, Equatable {
        /// The attempt succeeded.
        case done
        /// Send again after waiting this long.
        case retry(after: Duration)
        /// Give up and report the last attempt's error: it is not retryable, the attempts are used up,
        /// or the retry quota is exhausted.
        case fail
    }

    /// Upper bound of the backoff before any retry, in seconds.
    public static let maxBackoffSeconds = 20.0

    public let configuration: RetryConfiguration
    /// The classifier applied to outcomes; use it too when reporting throttling to a rate limiter.
    public let classifier: RetryClassifier
    /// Attempts recorded so far.
    public private(set) var attempts = 0

    private let quota: RetryQuota
    private let random: @Sendable () -> Double
    private var lastAcquiredCapacity: Int?
    private var finished = false

    /// - Parameters:
    ///   - quota: the retry quota of the client that sends the request.
    ///   - random: source of jitter, uniform in `0..<1`.
    public init(
        configuration: RetryConfiguration,
        quota: RetryQuota,
        classifier: RetryClassifier = RetryClassifier(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.configuration = configuration
        self.quota = quota
        self.classifier = classifier
        self.random = random
    }

    /// Records the outcome of the attempt just made and decides what comes next.
    ///
    /// - Precondition: no earlier call returned `.done` or `.fail`.
    public mutating func record(_ outcome: AttemptOutcome) -> Decision {
        precondition(!finished, "RetryStateMachine used after the request finished")
        attempts += 1
        switch classifier.classify(outcome) {
        case .success:
            finished = true
            quota.release(lastAcquiredCapacity ?? RetryQuota.noRetryIncrement)
            return .done
        case .notRetryable:
            finished = true
            return .fail
        case .retryable(let kind):
            let cost = kind == .timeout ? RetryQuota.timeoutRetryCost : RetryQuota.retryCost
            guard attempts < configuration.maxAttempts, quota.acquire(cost) else {
                finished = true
                return .fail
            }
            lastAcquiredCapacity = cost
            return .retry(after: .seconds(backoffSeconds()))
        }
    }

    /// Truncated binary exponential backoff with full jitter: `random * min(2^(attempts - 1), 20)`.
    private func backoffSeconds() -> Double {
        random() * min(pow(2, Double(attempts - 1)), Self.maxBackoffSeconds)
    }
}
