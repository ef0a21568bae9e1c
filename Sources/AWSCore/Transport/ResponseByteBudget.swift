/// A byte budget shared by the responses of all calls in flight, so that thousands of concurrent calls cannot
/// buffer more than `capacity` bytes between them.
///
/// A response whose length is declared reserves it whole before its body is read, waiting in line while the budget
/// is short; a waiter holds nothing, so waiting never deadlocks. Bytes beyond the declared length, or of a body of
/// undeclared length, are reserved as they arrive and never wait: when the budget is short the response fails.
public actor ResponseByteBudget {
    /// The default capacity: 512 MiB.
    public static let standardCapacity = 512 << 20

    /// The budget's bookkeeping, without waiting.
    struct Ledger: Sendable, Equatable {
        /// What a reservation got.
        enum Decision: Sendable, Equatable {
            case granted
            /// Not now: there are fewer free bytes than asked, or earlier waiters.
            case wait
            /// Never: more than the whole capacity.
            case refused
        }

        let capacity: Int
        private(set) var reserved = 0
        /// Waiting reservations in arrival order.
        private(set) var queue: [(id: Int, bytes: Int)] = []

        init(capacity: Int) {
            self.capacity = capacity
        }

        var available: Int { capacity - reserved }

        /// Reserves `bytes` for `id`, or queues it when it may wait.
        mutating func reserve(_ bytes: Int, id: Int, mayWait: Bool) -> Decision {
            guard bytes <= capacity else { return .refused }
            if queue.isEmpty, bytes <= available {
                reserved += bytes
                return .granted
            }
            guard mayWait else { return .refused }
            queue.append((id, bytes))
            return .wait
        }

        /// Returns `bytes` and grants waiting reservations in order while they fit; returns their ids.
        mutating func release(_ bytes: Int) -> [Int] {
            reserved -= bytes
            var granted: [Int] = []
            while let first = queue.first, first.bytes <= available {
                queue.removeFirst()
                reserved += first.bytes
                granted.append(first.id)
            }
            return granted
        }

        /// Drops the waiting reservation `id` (its caller was cancelled); `false` if it is no longer waiting.
        mutating func withdraw(_ id: Int) -> (withdrawn: Bool, granted: [Int]) {
            guard let index = queue.firstIndex(where: { $0.id == id }) else { return (false, []) }
            queue.remove(at: index)
            return (true, release(0))
        }

        static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.capacity == rhs.capacity && lhs.reserved == rhs.reserved
                && lhs.queue.map(\.id) == rhs.queue.map(\.id) && lhs.queue.map(\.bytes) == rhs.queue.map(\.bytes)
        }
    }

    /// The budget has too few bytes for a reservation that may not wait, or fewer than one reservation needs.
    public struct Exhausted: Error, Sendable, Equatable {
        public var bytes: Int
    }

    private var ledger: Ledger
    private var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var nextId = 0

    public init(capacity: Int = standardCapacity) {
        ledger = Ledger(capacity: capacity)
    }

    /// Bytes reserved now.
    public var reserved: Int { ledger.reserved }

    /// Reserves `bytes`, waiting for earlier reservations to be released when `mayWait` is true.
    /// - Throws: `Exhausted` when the bytes cannot be had (more than the capacity, or short and not waiting);
    ///   `CancellationError` when the task is cancelled while waiting.
    public func reserve(_ bytes: Int, mayWait: Bool) async throws {
        let id = nextId
        nextId += 1
        switch ledger.reserve(bytes, id: id, mayWait: mayWait) {
        case .granted:
            return
        case .refused:
            throw Exhausted(bytes: bytes)
        case .wait:
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    if Task.isCancelled, ledger.withdraw(id).withdrawn {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        waiters[id] = continuation
                    }
                }
            } onCancel: {
                Task { await self.cancel(id) }
            }
        }
    }

    /// Returns `bytes` reserved earlier.
    public func release(_ bytes: Int) {
        resume(ledger.release(bytes))
    }

    private func cancel(_ id: Int) {
        let outcome = ledger.withdraw(id)
        if outcome.withdrawn {
            waiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
        }
        resume(outcome.granted)
    }

    private func resume(_ granted: [Int]) {
        for id in granted {
            waiters.removeValue(forKey: id)?.resume()
        }
    }
}
