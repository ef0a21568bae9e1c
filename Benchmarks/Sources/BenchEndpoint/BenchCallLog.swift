import NIOConcurrencyHelpers
import NIOCore

/// Counts every AWS call by `service:Operation`, and separately those answered with a throttling error or any
/// other error.
final class BenchCallLog: Sendable {
    private struct Counts {
        var calls: [String: Int] = [:]
        var throttled: [String: Int] = [:]
        var errors: [String: Int] = [:]
        var perSecond: [Int] = []
        var start: NIODeadline?
    }

    private let counts = NIOLockedValueBox(Counts())

    func record(_ operation: String, throttled: Bool, errorCode: String?) {
        counts.withLockedValue { counts in
            counts.calls[operation, default: 0] += 1
            let now = NIODeadline.now()
            let start = counts.start ?? now
            counts.start = start
            let second = Int((now - start).nanoseconds / 1_000_000_000)
            while counts.perSecond.count <= second { counts.perSecond.append(0) }
            counts.perSecond[second] += 1
            if throttled { counts.throttled[operation, default: 0] += 1 }
            if let errorCode, !throttled { counts.errors["\(operation):\(errorCode)", default: 0] += 1 }
        }
    }

    func reset() {
        counts.withLockedValue { $0 = Counts() }
    }

    /// `{"total": N, "throttled": N, "counts": {...}, "throttles": {...}, "errors": {...}}`, keys sorted.
    func json() -> String {
        counts.withLockedValue { counts in
            func object(_ map: [String: Int]) -> String {
                "{" + map.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
            }
            return "{\"total\": \(counts.calls.values.reduce(0, +)), \"throttled\": \(counts.throttled.values.reduce(0, +)), "
                + "\"counts\": \(object(counts.calls)), \"throttles\": \(object(counts.throttled)), \"errors\": \(object(counts.errors)), "
                + "\"perSecond\": [\(counts.perSecond.map(String.init).joined(separator: ", "))]}\n"
        }
    }
}
