/// Single-flight memoization: the first caller for a key computes the value, later and concurrent callers share it.
actor Memo<Value: Sendable> {
    private var tasks: [String: Task<Value, Never>] = [:]

    func value(for key: String, compute: @escaping @Sendable () async -> Value) async -> Value {
        if let task = tasks[key] {
            return await task.value
        }
        let task = Task { await compute() }
        tasks[key] = task
        return await task.value
    }
}
