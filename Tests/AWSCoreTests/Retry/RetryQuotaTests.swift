import AWSCore
import Testing

struct RetryQuotaTests {
    @Test func startsFullWithBotocoreCosts() {
        let quota = RetryQuota()
        #expect(quota.maxCapacity == 500)
        #expect(quota.availableCapacity == 500)
        #expect(RetryQuota.retryCost == 5)
        #expect(RetryQuota.timeoutRetryCost == 10)
        #expect(RetryQuota.noRetryIncrement == 1)
    }

    @Test func acquireFailsWithoutTakingWhenShort() {
        let quota = RetryQuota(capacity: 7)
        #expect(quota.acquire(5))
        #expect(!quota.acquire(5))
        #expect(quota.availableCapacity == 2)
        #expect(quota.acquire(2))
        #expect(quota.availableCapacity == 0)
    }

    @Test func releaseNeverExceedsTheMaximum() {
        let quota = RetryQuota(capacity: 20)
        #expect(quota.acquire(10))
        quota.release(4)
        #expect(quota.availableCapacity == 14)
        quota.release(100)
        #expect(quota.availableCapacity == 20)
    }

    @Test func concurrentUseKeepsTheBooksBalanced() async {
        let quota = RetryQuota(capacity: 1_000)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    if quota.acquire(10) {
                        quota.release(10)
                    }
                }
            }
        }
        #expect(quota.availableCapacity == 1_000)
    }
}
