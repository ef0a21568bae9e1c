import AWSCore
import Testing

struct RetryStateMachineTests {
    private static let unavailable = AttemptOutcome.serviceError(code: "ServiceUnavailable", statusCode: 503)
    private static let throttled = AttemptOutcome.serviceError(code: "ThrottlingException", statusCode: 400)
    private static let timedOut = AttemptOutcome.transportError(TransportFailure(.timedOut, detail: "read timed out"))

    private func machine(
        maxAttempts: Int = 3, quota: RetryQuota = RetryQuota(), random: Double = 0.5
    ) -> RetryStateMachine {
        RetryStateMachine(
            configuration: RetryConfiguration(mode: .standard, maxAttempts: maxAttempts),
            quota: quota,
            random: { random }
        )
    }

    @Test func firstAttemptSuccessIsDone() {
        var machine = machine()
        #expect(machine.record(.success) == .done)
        #expect(machine.attempts == 1)
    }

    /// Same values as botocore's `ExponentialBackoff(random=lambda: 0.5).delay_amount` for attempts 1...9:
    /// `random * min(2 ** (attempt - 1), 20)`.
    @Test func backoffDoublesUpToTwentySecondsTimesJitter() {
        var machine = machine(maxAttempts: 10)
        var delays: [Decision] = []
        for _ in 1...9 {
            delays.append(machine.record(Self.unavailable))
        }
        #expect(delays == [0.5, 1, 2, 4, 8, 10, 10, 10, 10].map { .retry(after: .seconds($0)) })
        #expect(machine.record(Self.unavailable) == .fail)
    }

    @Test func jitterScalesTheWholeBackoff() {
        var full = machine(random: 1)
        #expect(full.record(Self.throttled) == .retry(after: .seconds(1)))
        #expect(full.record(Self.throttled) == .retry(after: .seconds(2)))
        var none = machine(random: 0)
        #expect(none.record(Self.throttled) == .retry(after: .zero))
    }

    @Test func maxAttemptsIsRespected() {
        let quota = RetryQuota()
        var machine = machine(maxAttempts: 3, quota: quota)
        #expect(machine.record(Self.unavailable) == .retry(after: .seconds(0.5)))
        #expect(machine.record(Self.unavailable) == .retry(after: .seconds(1)))
        #expect(machine.record(Self.unavailable) == .fail)
        #expect(machine.attempts == 3)
        #expect(quota.availableCapacity == 490)
    }

    @Test func singleAttemptNeverRetriesNorSpendsQuota() {
        let quota = RetryQuota()
        var machine = machine(maxAttempts: 1, quota: quota)
        #expect(machine.record(Self.throttled) == .fail)
        #expect(quota.availableCapacity == 500)
    }

    @Test func nonRetryableErrorFailsAtOnce() {
        let quota = RetryQuota()
        var machine = machine(quota: quota)
        #expect(machine.record(.serviceError(code: "AccessDenied", statusCode: 403)) == .fail)
        #expect(quota.availableCapacity == 500)
    }

    @Test func quotaExhaustionStopsRetries() {
        let quota = RetryQuota(capacity: 12)
        var machine = machine(maxAttempts: 10, quota: quota)
        #expect(machine.record(Self.unavailable) == .retry(after: .seconds(0.5)))
        #expect(machine.record(Self.throttled) == .retry(after: .seconds(1)))
        #expect(quota.availableCapacity == 2)
        #expect(machine.record(Self.unavailable) == .fail)
        #expect(quota.availableCapacity == 2)
    }

    @Test func timeoutsCostTenAndOthersFive() {
        let quota = RetryQuota()
        var machine = machine(maxAttempts: 5, quota: quota)
        _ = machine.record(Self.timedOut)
        #expect(quota.availableCapacity == 490)
        _ = machine.record(Self.throttled)
        #expect(quota.availableCapacity == 485)
        _ = machine.record(Self.unavailable)
        #expect(quota.availableCapacity == 480)
    }

    @Test func quotaIsSharedBetweenRequestsOfOneClient() {
        let quota = RetryQuota(capacity: 10)
        var first = machine(quota: quota)
        var second = machine(quota: quota)
        #expect(first.record(Self.timedOut) == .retry(after: .seconds(0.5)))
        #expect(second.record(Self.unavailable) == .fail)
    }

    @Test func successAfterRetriesRefundsTheLastRetryCost() {
        let quota = RetryQuota()
        var machine = machine(maxAttempts: 3, quota: quota)
        _ = machine.record(Self.timedOut)
        _ = machine.record(Self.unavailable)
        #expect(quota.availableCapacity == 485)
        #expect(machine.record(.success) == .done)
        #expect(quota.availableCapacity == 490)
    }

    @Test func successWithoutRetriesRefundsOneUpToTheMaximum() {
        let quota = RetryQuota()
        #expect(quota.acquire(10))
        var drained = machine(quota: quota)
        #expect(drained.record(.success) == .done)
        #expect(quota.availableCapacity == 491)

        let full = RetryQuota()
        var untouched = machine(quota: full)
        #expect(untouched.record(.success) == .done)
        #expect(full.availableCapacity == 500)
    }

    @Test func failedRequestRefundsNothing() {
        let quota = RetryQuota()
        var machine = machine(quota: quota)
        _ = machine.record(Self.unavailable)
        #expect(machine.record(.serviceError(code: "ValidationError", statusCode: 400)) == .fail)
        #expect(quota.availableCapacity == 495)
    }

    private typealias Decision = RetryStateMachine.Decision
}
