/// Single-flight memoization by typed key: the first caller for a key computes the value, later and concurrent
/// callers share it. Finished values are kept, not the tasks that computed them.
actor SingleFlight<Key: Hashable & Sendable, Value: Sendable> {
    private var tasks: [Key: Task<Value, Never>] = [:]
    private var finished: [Key: Value] = [:]

    func value(for key: Key, compute: @escaping @Sendable () async -> Value) async -> Value {
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
        // A finished task keeps its task-local allocations (the async frames of the calls it made) while it is
        // referenced: keep only its value.
        tasks[key] = nil
        return value
    }

    /// The value of `key` if its computation has finished, without waiting for one in progress.
    func finishedValue(for key: Key) -> Value? {
        finished[key]
    }

    /// Forgets the finished values of `keys`; a later lookup computes them again.
    func removeValues(for keys: some Sequence<Key>) {
        for key in keys { finished[key] = nil }
    }
}
