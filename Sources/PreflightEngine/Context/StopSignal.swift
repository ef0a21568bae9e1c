import Foundation

/// Set once when a run is cancelled: from then on the context makes no AWS call, so that lookups shared by the
/// cancelled rules (which run in their own tasks) stop at their next call instead of finishing.
final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    var isStopped: Bool {
        lock.withLock { stopped }
    }

    func stop() {
        lock.withLock { stopped = true }
    }
}
