import NIOCore

/// Holds actions back by a fixed delay on one event loop: a first-in first-out queue with a single timer armed for
/// its oldest entry, instead of one scheduled task per action. Every entry waits the same delay, so the oldest is
/// always the first due, and each runs at its own deadline as a scheduled task would.
final class BenchDelayLine: Sendable {
    private struct Entry {
        var deadline: NIODeadline
        var action: () -> Void
    }

    private struct State {
        var pending = CircularBuffer<Entry>()
        var isTimerArmed = false
    }

    private let eventLoop: any EventLoop
    private let delay: TimeAmount
    private let state: NIOLoopBoundBox<State>

    /// Call on `eventLoop`.
    init(eventLoop: any EventLoop, delay: TimeAmount) {
        self.eventLoop = eventLoop
        self.delay = delay
        state = NIOLoopBoundBox(State(), eventLoop: eventLoop)
    }

    /// Runs `action` on the event loop after the delay; call on the event loop.
    func enqueue(_ action: @escaping () -> Void) {
        let deadline = NIODeadline.now() + delay
        state.value.pending.append(Entry(deadline: deadline, action: action))
        if !state.value.isTimerArmed { arm(deadline) }
    }

    private func arm(_ deadline: NIODeadline) {
        state.value.isTimerArmed = true
        eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { self.runDue() }
    }

    private func runDue() {
        state.value.isTimerArmed = false
        let now = NIODeadline.now()
        while let first = state.value.pending.first, first.deadline <= now {
            state.value.pending.removeFirst()
            first.action()
        }
        if let next = state.value.pending.first { arm(next.deadline) }
    }
}
