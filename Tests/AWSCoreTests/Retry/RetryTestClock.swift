import AWSCore
import Foundation

/// A manual ``RateLimiterClock``: time moves only when set, advanced, or slept on. Sleeps advance it by the
/// requested amount rounded up to whole nanoseconds, as a real clock's resolution would.
final class RetryTestClock: RateLimiterClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double
    private var recordedSleeps: [Double] = []

    init(now: Double = 0) {
        time = now
    }

    var sleeps: [Double] {
        lock.withLock { recordedSleeps }
    }

    func set(_ now: Double) {
        lock.withLock { time = now }
    }

    func advance(by seconds: Double) {
        lock.withLock { time += seconds }
    }

    func now() -> Double {
        lock.withLock { time }
    }

    func sleep(seconds: Double) async throws {
        lock.withLock {
            recordedSleeps.append(seconds)
            time += (seconds * 1e9).rounded(.up) / 1e9
        }
    }
}
