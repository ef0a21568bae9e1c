import Foundation
import Synchronization
import Testing

@testable import PreflightReports

@Suite struct ProgressReporterTests {
    final class Recorder: Sendable {
        let writes = Mutex<[String]>([])
        let now = Mutex<Duration>(.zero)

        func reporter() -> ProgressReporter {
            ProgressReporter(
                interval: .milliseconds(100), elapsed: { self.now.withLock { $0 } },
                write: { text in self.writes.withLock { $0.append(text) } })
        }
    }

    @Test func drawsOneLineWithCountsPercentAndElapsedTime() {
        #expect(ProgressReporter.line(done: 12, total: 48, elapsed: .seconds(67)) == "checking 12/48 account × region (25%) 1:07")
        #expect(ProgressReporter.line(done: 0, total: 0, elapsed: .zero) == "checking 0/0 account × region (100%) 0:00")
    }

    @Test func redrawsAtMostEveryIntervalButAlwaysTheLastUpdate() async {
        let recorder = Recorder()
        let reporter = recorder.reporter()
        await reporter.update(done: 1, total: 4)
        recorder.now.withLock { $0 = .milliseconds(50) }
        await reporter.update(done: 2, total: 4)
        recorder.now.withLock { $0 = .milliseconds(150) }
        await reporter.update(done: 3, total: 4)
        recorder.now.withLock { $0 = .milliseconds(160) }
        await reporter.update(done: 4, total: 4)
        await reporter.finish()
        let writes = recorder.writes.withLock { $0 }
        #expect(writes == [
            "\rchecking 1/4 account × region (25%) 0:00\u{1B}[K",
            "\rchecking 3/4 account × region (75%) 0:00\u{1B}[K",
            "\rchecking 4/4 account × region (100%) 0:00\u{1B}[K",
            "\r\u{1B}[K",
        ])
    }

    @Test func finishWithoutUpdatesWritesNothing() async {
        let recorder = Recorder()
        await recorder.reporter().finish()
        #expect(recorder.writes.withLock { $0 }.isEmpty)
    }

    @Test func neverInCIOrWhenQuiet() {
        #expect(ProgressReporter.standardError(quiet: false, environment: ["CI": "true"]) == nil)
        #expect(ProgressReporter.standardError(quiet: true, environment: [:]) == nil)
    }
}
