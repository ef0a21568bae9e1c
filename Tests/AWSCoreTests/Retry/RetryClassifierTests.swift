import AWSCore
import Testing

struct RetryClassifierTests {
    private let classifier = RetryClassifier()

    @Test(arguments: RetryClassifier.throttlingErrorCodes.sorted())
    func throttlingCodesAreThrottlingWhateverTheStatus(code: String) {
        #expect(classifier.classify(.serviceError(code: code, statusCode: 400)) == .retryable(.throttling))
        #expect(classifier.classify(.serviceError(code: code, statusCode: 503)).isThrottling)
    }

    @Test(arguments: [
        // Transient error codes are retried whatever the status.
        (
            AttemptOutcome.serviceError(code: "RequestTimeout", statusCode: 400),
            AttemptClassification.retryable(.transient)
        ),
        (.serviceError(code: "RequestTimeoutException", statusCode: 408), .retryable(.transient)),
        // PriorRequestNotComplete is in both lists; throttling wins.
        (.serviceError(code: "PriorRequestNotComplete", statusCode: 400), .retryable(.throttling)),
        // Transient status codes are retried whatever the code.
        (.serviceError(code: "InternalError", statusCode: 500), .retryable(.transient)),
        (.serviceError(code: nil, statusCode: 502), .retryable(.transient)),
        (.serviceError(code: "ServiceUnavailable", statusCode: 503), .retryable(.transient)),
        (.serviceError(code: nil, statusCode: 504), .retryable(.transient)),
        // Anything else is final, including a bare 429 and 501 (botocore only looks at codes for throttling).
        (.serviceError(code: nil, statusCode: 429), .notRetryable),
        (.serviceError(code: nil, statusCode: 501), .notRetryable),
        (.serviceError(code: "AccessDenied", statusCode: 403), .notRetryable),
        (.serviceError(code: "InternalError", statusCode: 400), .notRetryable),
        (.serviceError(code: "throttling", statusCode: 400), .notRetryable),
        // Transport failures.
        (.transportError(TransportFailure(.timedOut, detail: "read timed out")), .retryable(.timeout)),
        (.transportError(TransportFailure(.connectionFailed, detail: "refused")), .retryable(.transient)),
        (.transportError(TransportFailure(.connectionReset, detail: "reset by peer")), .retryable(.transient)),
        (.transportError(TransportFailure(.truncatedBody, detail: "12 of 40 bytes")), .retryable(.transient)),
        (.transportError(TransportFailure(.responseTooLarge, detail: "over 10 MiB")), .notRetryable),
        (.success, .success),
    ])
    func classificationTable(outcome: AttemptOutcome, expected: AttemptClassification) {
        #expect(classifier.classify(outcome) == expected)
    }

    @Test func onlyThrottlesCountAsThrottling() {
        #expect(!classifier.classify(.serviceError(code: nil, statusCode: 503)).isThrottling)
        #expect(!classifier.classify(.transportError(TransportFailure(.timedOut, detail: ""))).isThrottling)
        #expect(!classifier.classify(.success).isThrottling)
    }

    @Test func modeledRetryableCodesExtendTheFixedLists() {
        let modeled = RetryClassifier(
            modeledThrottlingErrorCodes: ["CustomThrottle"],
            modeledTransientErrorCodes: ["IDPCommunicationError"]
        )
        #expect(modeled.classify(.serviceError(code: "CustomThrottle", statusCode: 400)) == .retryable(.throttling))
        let idpError = AttemptOutcome.serviceError(code: "IDPCommunicationError", statusCode: 400)
        #expect(modeled.classify(idpError) == .retryable(.transient))
        #expect(modeled.classify(.serviceError(code: "Throttling", statusCode: 400)) == .retryable(.throttling))
        #expect(classifier.classify(idpError) == .notRetryable)
    }
}
