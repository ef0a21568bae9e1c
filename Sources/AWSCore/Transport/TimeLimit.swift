/// `withTimeLimit` gave up: the operation did not finish in time.
struct TimeLimitExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    var limit: Duration

    var description: String { "no complete answer within \(limit)" }
}

/// Runs `operation` and returns its result, unless `limit` passes first: then the operation is cancelled and
/// `TimeLimitExceeded` is thrown once it has stopped.
func withTimeLimit<Value: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            try Task.checkCancellation()
            throw TimeLimitExceeded(limit: limit)
        }
        return value
    }
}

extension Duration {
    /// The duration in whole nanoseconds, for NIO's `TimeAmount`.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
