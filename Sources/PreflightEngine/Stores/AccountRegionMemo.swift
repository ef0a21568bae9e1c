import AWSCore

/// Single-flight memoization per account × region, whose finished values can be freed an account at a time.
actor AccountRegionMemo<Value: Sendable> {
    private var tasks: [AccountRegion: Task<Value, Never>] = [:]
    private var finished: [AccountID: [Region: Value]] = [:]

    func value(for key: AccountRegion, compute: @escaping @Sendable () async -> Value) async -> Value {
        if let value = finished[key.account]?[key.region] {
            return value
        }
        if let task = tasks[key] {
            return await task.value
        }
        let task = Task { await compute() }
        tasks[key] = task
        let value = await task.value
        finished[key.account, default: [:]][key.region] = value
        tasks[key] = nil
        return value
    }

    /// Forgets the finished values of `accounts`; a later lookup computes them again.
    func removeValues(ofAccounts accounts: some Sequence<AccountID>) {
        for account in accounts { finished[account] = nil }
    }
}
