/// One `AsyncSemaphore` per account and region, so that no account and region has more than `limit` calls in
/// flight however many checks read it at once: AWS throttles per account and region.
actor AccountRegionLimits {
    private let limit: Int
    private var semaphores: [String: AsyncSemaphore] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    func semaphore(account: String, region: String) -> AsyncSemaphore {
        let key = account + "/" + region
        if let semaphore = semaphores[key] { return semaphore }
        let semaphore = AsyncSemaphore(limit: limit)
        semaphores[key] = semaphore
        return semaphore
    }
}
