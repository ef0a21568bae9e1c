import Dispatch
import Foundation

/// Stops an audit early on `--timeout` or an interrupt (SIGINT, e.g. Ctrl-C, or SIGTERM): the run's task is cancelled,
/// and the audit returns the results gathered so far. A second interrupt exits at once with status 130.
enum Cancellation {
    /// Runs `body` in a task that the deadline `timeout` or the first interrupt cancels, and returns its value.
    static func run<T: Sendable>(timeout: Duration?, _ body: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await body() }
        let queue = DispatchQueue(label: "preflight.cancellation")
        let interrupts = Interrupts()
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if interrupts.record() > 1 { exit(128 + number) }
                notice("interrupted: writing the report of the checks finished so far (interrupt again to quit now)")
                task.cancel()
            }
            source.resume()
            return source
        }
        let timer = timeout.map { timeout in
            Task {
                try await Task.sleep(for: timeout)
                notice("--timeout reached (\(timeout)): writing the report of the checks finished so far")
                task.cancel()
            }
        }
        let value = await task.value
        timer?.cancel()
        for source in sources {
            source.cancel()
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        return value
    }

    private static func notice(_ message: String) {
        FileHandle.standardError.write(Data("preflight: \(message)\n".utf8))
    }

    /// Counts interrupts; only touched on the cancellation queue.
    private final class Interrupts: @unchecked Sendable {
        private var count = 0

        func record() -> Int {
            count += 1
            return count
        }
    }
}
