import Foundation

/// Shows the audit's progress on one line of a terminal (`checking 12/48 account × region (25%) 0:07`), redrawn
/// at most every `interval`, and clears it when finished.
public actor ProgressReporter {
    private let write: @Sendable (String) -> Void
    private let elapsed: @Sendable () -> Duration
    private let interval: Duration
    private var lastDraw: Duration?
    private var drawn = false

    /// `write` receives the terminal output; `elapsed` tells the time since the start.
    public init(
        interval: Duration = .milliseconds(100), elapsed: @escaping @Sendable () -> Duration,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.interval = interval
        self.elapsed = elapsed
        self.write = write
    }

    /// Progress on stderr, or nil where it must not appear: with `quiet`, in CI (`CI=true`), or when stderr is
    /// not a terminal.
    public static func standardError(
        quiet: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ProgressReporter? {
        guard !quiet, !Terminal.isCI(environment: environment), Terminal.isTerminal(STDERR_FILENO) else { return nil }
        let start = ContinuousClock.now
        return ProgressReporter(elapsed: { ContinuousClock.now - start }, write: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// Records that `done` of `total` units (accounts × regions) are finished; redraws when `interval` has passed
    /// or when all are done.
    public func update(done: Int, total: Int) {
        let now = elapsed()
        if let lastDraw, now - lastDraw < interval, done < total { return }
        lastDraw = now
        drawn = true
        write("\r" + Self.line(done: done, total: total, elapsed: now) + "\u{1B}[K")
    }

    /// Clears the progress line.
    public func finish() {
        guard drawn else { return }
        drawn = false
        write("\r\u{1B}[K")
    }

    /// `checking 12/48 account × region (25%) 0:07`.
    static func line(done: Int, total: Int, elapsed: Duration) -> String {
        let percent = total == 0 ? 100 : min(100, done * 100 / total)
        let seconds = Int(elapsed.components.seconds)
        return "checking \(done)/\(total) account × region (\(percent)%) \(seconds / 60):" + String(format: "%02d", seconds % 60)
    }
}
