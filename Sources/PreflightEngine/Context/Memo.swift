/// Single-flight memoization: the first caller for a key computes the value, later and concurrent callers share it.
/// Finished values are kept, not the tasks that computed them.
actor Memo<Value: Sendable> {
    private var tasks: [String: Task<Value, Never>] = [:]
    private var finished: [String: Value] = [:]
    /// The finished `account/region` keys by account, so that forgetting an account's values scans no other key.
    private var keysByAccount: [Substring: [String]] = [:]

    func value(for key: String, compute: @escaping @Sendable () async -> Value) async -> Value {
        if let value = finished[key] {
            return value
        }
        if let task = tasks[key] {
            return await task.value
        }
        let task = Task { await compute() }
        tasks[key] = task
        let value = await task.value
        finished[key] = value
        if let slash = key.firstIndex(of: "/") {
            keysByAccount[key[..<slash], default: []].append(key)
        }
        // A finished task keeps its task-local allocations (the async frames of the calls it made) while it is
        // referenced: keep only its value.
        tasks[key] = nil
        return value
    }

    /// The value of `key` if its computation has finished, without waiting for one in progress.
    func finishedValue(for key: String) -> Value? {
        finished[key]
    }

    /// Forgets the finished values of the `account/region` keys of `accounts`; a later lookup computes them again.
    func removeValues(ofAccounts accounts: Set<String>) {
        for account in accounts {
            for key in keysByAccount.removeValue(forKey: Substring(account)) ?? [] {
                finished[key] = nil
            }
        }
    }
}
