/// Single-flight memoization: the first caller for a key computes the value, later and concurrent callers share it.
/// Finished values are kept, not the tasks that computed them.
actor Memo<Value: Sendable> {
    private var tasks: [String: Task<Value, Never>] = [:]
    private var finished: [String: Value] = [:]

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
        // A finished task keeps its task-local allocations (the async frames of the calls it made) while it is
        // referenced: keep only its value.
        tasks[key] = nil
        return value
    }

    /// The value of `key` if its computation has finished, without waiting for one in progress.
    func finishedValue(for key: String) -> Value? {
        finished[key]
    }
}
