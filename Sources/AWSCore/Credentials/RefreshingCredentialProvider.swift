import Foundation
import Logging

/// Caches another provider's credentials and fetches new ones when fewer than `refreshWindow` seconds of
/// validity remain. Only one fetch runs at a time: concurrent callers await the same in-flight task. Credentials
/// without an expiration are kept for good; a failed fetch is not cached and the next call tries again.
public actor RefreshingCredentialProvider: CredentialProvider {
    public nonisolated let base: any CredentialProvider
    /// Seconds before expiration at which credentials count as stale.
    public nonisolated let refreshWindow: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?

    /// - Parameters:
    ///   - refreshWindow: seconds of remaining validity under which a refresh happens (default 5 minutes).
    ///   - now: the clock, replaceable in tests.
    public init(
        wrapping base: any CredentialProvider,
        refreshWindow: TimeInterval = 5 * 60,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.base = base
        self.refreshWindow = refreshWindow
        self.now = now
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        if let cached, !isStale(cached) { return cached }
        if let inFlight { return try await inFlight.value }

        let base = self.base
        let task = Task { try await base.credentials(logger: logger) }
        inFlight = task
        defer { inFlight = nil }
        let credentials = try await task.value
        cached = credentials
        if let expiration = credentials.expiration {
            logger.debug("refreshed credentials", metadata: ["expiration": "\(expiration)"])
        }
        return credentials
    }

    /// Forgets the cached credentials so the next call fetches new ones.
    public func invalidate() {
        cached = nil
    }

    private func isStale(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration.timeIntervalSince(now()) < refreshWindow
    }
}
