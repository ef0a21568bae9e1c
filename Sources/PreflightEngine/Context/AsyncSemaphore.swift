import Foundation

/// Limits how many operations run at once; waiters are served first come, first served.
///
/// A free permit is taken without suspending and a released one is handed straight to the next waiter, so the
/// path of every AWS call has no actor hop for its limits.
final class AsyncSemaphore: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0

    init(limit: Int) {
        available = max(1, limit)
    }

    func wait() async {
        if lock.withLock({ take() }) { return }
        await withCheckedContinuation { continuation in
            let granted = lock.withLock {
                if take() { return true }
                waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    func signal() {
        let next = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            guard head < waiters.count else {
                available += 1
                return nil
            }
            let next = waiters[head]
            head += 1
            if head == waiters.count || head >= 1024 {
                waiters.removeFirst(head)
                head = 0
            }
            return next
        }
        next?.resume()
    }

    /// Runs `body` while holding one permit.
    func withPermit<T: Sendable, Failure: Error>(_ body: () async throws(Failure) -> T) async throws(Failure) -> T {
        await wait()
        defer { signal() }
        return try await body()
    }

    /// Takes a permit if one is free; the caller holds `lock`.
    private func take() -> Bool {
        guard available > 0 else { return false }
        available -= 1
        return true
    }
}
