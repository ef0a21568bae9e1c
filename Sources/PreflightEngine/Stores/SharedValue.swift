/// One value computed once for the whole run and shared by every caller, concurrent or later.
struct SharedValue<Value: Sendable>: Sendable {
    private let flight = SingleFlight<Bool, Value>()

    func value(_ compute: @escaping @Sendable () async -> Value) async -> Value {
        await flight.value(for: true, compute: compute)
    }

    /// The value if it has been computed, without waiting for a computation in progress.
    var finishedValue: Value? {
        get async { await flight.finishedValue(for: true) }
    }
}
