import AsyncHTTPClient
import Foundation
import NIOCore

/// `withTimeLimit` gave up: the operation did not finish in time.
struct TimeLimitExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    var limit: Duration

    var description: String { "no complete answer within \(limit)" }
}

/// Runs `operation` and returns its result, unless `limit` passes first: then the operation is cancelled and
/// `TimeLimitExceeded` is thrown once it has stopped. An operation that fails with an error of its own (not the
/// cancellation: `endsByCancellation`) keeps it, even when the limit passed as it failed: a refused certificate
/// stays a refused certificate on a loaded machine.
///
/// The limit is a timer in `eventLoop`'s schedule, not a sleeping child task: a call's limit then costs neither a
/// timer of the concurrency runtime (a kernel wake-up each) nor a task group.
func withTimeLimit<Value: Sendable>(
    _ limit: Duration, on eventLoop: any EventLoop, _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    let expiry = Expiry()
    let task = Task { try await operation() }
    let timer = eventLoop.scheduleTask(in: .nanoseconds(limit.nanoseconds)) {
        expiry.expire()
        task.cancel()
    }
    defer { timer.cancel() }
    return try await withTaskCancellationHandler {
        do {
            return try await task.value
        } catch {
            try Task.checkCancellation()
            if expiry.hasExpired, endsByCancellation(error) { throw TimeLimitExceeded(limit: limit) }
            throw error
        }
    } onCancel: {
        task.cancel()
    }
}

/// Whether `error` is how an operation ends when it is cancelled: Swift's `CancellationError`, or AsyncHTTPClient's
/// `.cancelled` for a request cut off mid-way.
func endsByCancellation(_ error: any Error) -> Bool {
    error is CancellationError || (error as? HTTPClientError) == .cancelled
}

/// Whether a time limit has passed.
private final class Expiry: @unchecked Sendable {
    private let lock = NSLock()
    private var expired = false

    func expire() {
        lock.withLock { expired = true }
    }

    var hasExpired: Bool { lock.withLock { expired } }
}

extension Duration {
    /// The duration in whole nanoseconds, for NIO's `TimeAmount`.
    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
