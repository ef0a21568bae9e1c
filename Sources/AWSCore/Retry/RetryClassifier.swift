/// Decides which attempt outcomes are retryable, mirroring botocore's standard retry conditions
/// (`botocore/retries/standard.py`: transient, throttled and modeled retryable checkers).
public struct RetryClassifier: Sendable, Equatable {
    /// Error codes that mean the request was throttled (botocore `ThrottledRetryableChecker`).
    public static let throttlingErrorCodes: Set<String> = [
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Error codes of transient failures (botocore `TransientRetryableChecker`).
    public static let transientErrorCodes: Set<String> = [
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
    ]

    /// HTTP status codes of transient failures, whatever the error code.
    public static let transientStatusCodes: Set<Int> = [500, 502, 503, 504]

    /// Codes a service model marks as retryable with `throttling: true`, beyond the fixed list.
    public let modeledThrottlingErrorCodes: Set<String>
    /// Codes a service model marks as retryable without throttling (e.g. STS `IDPCommunicationError`).
    public let modeledTransientErrorCodes: Set<String>

    public init(modeledThrottlingErrorCodes: Set<String> = [], modeledTransientErrorCodes: Set<String> = []) {
        self.modeledThrottlingErrorCodes = modeledThrottlingErrorCodes
        self.modeledTransientErrorCodes = modeledTransientErrorCodes
    }

    /// Classifies one attempt; throttling takes precedence over the transient checks.
    public func classify(_ outcome: AttemptOutcome) -> AttemptClassification {
        switch outcome {
        case .success:
            return .success
        case .serviceError(let code, let statusCode):
            if let code, Self.throttlingErrorCodes.contains(code) || modeledThrottlingErrorCodes.contains(code) {
                return .retryable(.throttling)
            }
            if let code, Self.transientErrorCodes.contains(code) || modeledTransientErrorCodes.contains(code) {
                return .retryable(.transient)
            }
            return Self.transientStatusCodes.contains(statusCode) ? .retryable(.transient) : .notRetryable
        case .transportError(let failure):
            switch failure.kind {
            case .timedOut:
                return .retryable(.timeout)
            case .connectionFailed, .connectionReset, .truncatedBody, .overBudget:
                return .retryable(.transient)
            case .responseTooLarge:
                return .notRetryable
            }
        }
    }
}
