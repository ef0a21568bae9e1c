import AWSCore
import Foundation
import Logging
import Testing

@Suite struct RefreshingCredentialProviderTests {
    /// Counts fetches; each takes a little while so concurrent callers overlap, and may be told to fail.
    final class CountingProvider: CredentialProvider {
        struct Failure: Error {}

        private let state = CredentialTestLock((fetches: 0, failing: false))
        let lifetime: TimeInterval?
        let clock: TestClock

        init(lifetime: TimeInterval?, clock: TestClock) {
            self.lifetime = lifetime
            self.clock = clock
        }

        var fetches: Int { state.current.fetches }

        func fail(_ failing: Bool) {
            state.withValue { $0.failing = failing }
        }

        func credentials(logger: Logger) async throws -> AWSCredentials {
            let (fetch, failing) = state.withValue { state -> (Int, Bool) in
                state.fetches += 1
                return (state.fetches, state.failing)
            }
            try await Task.sleep(for: .milliseconds(50))
            if failing { throw Failure() }
            return AWSCredentials(
                accessKeyId: "AKID\(fetch)",
                secretAccessKey: "secret",
                expiration: lifetime.map { clock.now.addingTimeInterval($0) }
            )
        }
    }

    final class TestClock: Sendable {
        private let time = CredentialTestLock(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { time.current }
        func advance(_ seconds: TimeInterval) { time.withValue { $0 += seconds } }
    }

    @Test func hundredConcurrentCallersShareOneFetch() async throws {
        let clock = TestClock()
        let base = CountingProvider(lifetime: 3600, clock: clock)
        let provider = RefreshingCredentialProvider(wrapping: base, now: { clock.now })
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 {
                group.addTask { try await provider.credentials(logger: credentialTestLogger).accessKeyId }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(base.fetches == 1)
        #expect(keys == ["AKID1"])
    }

    @Test func refreshesWithinTheWindowBeforeExpiration() async throws {
        let clock = TestClock()
        let base = CountingProvider(lifetime: 10 * 60, clock: clock)
        let provider = RefreshingCredentialProvider(wrapping: base, refreshWindow: 5 * 60, now: { clock.now })
        #expect(try await provider.credentials(logger: credentialTestLogger).accessKeyId == "AKID1")
        clock.advance(4 * 60)
        #expect(try await provider.credentials(logger: credentialTestLogger).accessKeyId == "AKID1")
        clock.advance(2 * 60)
        #expect(try await provider.credentials(logger: credentialTestLogger).accessKeyId == "AKID2")
        clock.advance(60 * 60)
        #expect(try await provider.credentials(logger: credentialTestLogger).accessKeyId == "AKID3")
        #expect(base.fetches == 3)
    }

    @Test func failedRefreshSurfacesAndIsRetriedNextTime() async throws {
        let clock = TestClock()
        let base = CountingProvider(lifetime: 60, clock: clock)
        let provider = RefreshingCredentialProvider(wrapping: base, now: { clock.now })
        base.fail(true)
        await #expect(throws: CountingProvider.Failure.self) {
            try await provider.credentials(logger: credentialTestLogger)
        }
        base.fail(false)
        #expect(try await provider.credentials(logger: credentialTestLogger).accessKeyId == "AKID2")
    }

    @Test func credentialsWithoutExpirationAreKept() async throws {
        let clock = TestClock()
        let base = CountingProvider(lifetime: nil, clock: clock)
        let provider = RefreshingCredentialProvider(wrapping: base, now: { clock.now })
        _ = try await provider.credentials(logger: credentialTestLogger)
        clock.advance(365 * 24 * 3600)
        _ = try await provider.credentials(logger: credentialTestLogger)
        #expect(base.fetches == 1)
        await provider.invalidate()
        _ = try await provider.credentials(logger: credentialTestLogger)
        #expect(base.fetches == 2)
    }
}
