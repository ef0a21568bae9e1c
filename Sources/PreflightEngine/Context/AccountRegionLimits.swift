import Foundation

/// One `AsyncSemaphore` per account and region, so that no account and region has more than `limit` calls in
/// flight however many checks read it at once: AWS throttles per account and region.
final class AccountRegionLimits: @unchecked Sendable {
    private let limit: Int
    private let lock = NSLock()
    private var semaphores: [String: AsyncSemaphore] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    func semaphore(account: String, region: String) -> AsyncSemaphore {
        let key = account + "/" + region
        return lock.withLock {
            if let semaphore = semaphores[key] { return semaphore }
            let semaphore = AsyncSemaphore(limit: limit)
            semaphores[key] = semaphore
            return semaphore
        }
    }
}
