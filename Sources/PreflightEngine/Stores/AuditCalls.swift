import AWSCore
import Foundation
import Logging

/// How every AWS call of a run is made: under one concurrency limit, at most a few at once per account and region
/// (AWS throttles per account and region), none once the run is stopped, and every failure mapped to `AuditError`.
final class AuditCalls: Sendable {
    let client: AWSClient
    let logger: Logger
    let homeRegion: Region
    private let semaphore: AsyncSemaphore
    private let perAccountRegion: Limits
    private let stopSignal = StopSignal()

    init(client: AWSClient, logger: Logger, homeRegion: Region, concurrency: Int, accountRegionConcurrency: Int) {
        self.client = client
        self.logger = logger
        self.homeRegion = homeRegion
        self.semaphore = AsyncSemaphore(limit: concurrency)
        self.perAccountRegion = Limits(limit: accountRegionConcurrency)
    }

    /// Runs one AWS call under the concurrency limit, mapping any failure to `AuditError` naming `action`.
    /// Once the run is stopped (`stop()`), it makes no call and fails instead.
    func call<T: Sendable>(_ action: String, _ body: @Sendable () async throws -> T) async throws(AuditError) -> T {
        guard !stopSignal.isStopped else {
            throw AuditError(message: "\(action) was not called: the run was cancelled")
        }
        do {
            return try await semaphore.withPermit(body)
        } catch {
            logger.debug("call failed", metadata: ["action": "\(action)", "error": "\(error)"])
            throw AuditError(error, action: action)
        }
    }

    /// Runs one AWS call in `scope` with `credentials`, at most `accountRegionConcurrency` of that scope at once.
    func call<T: Sendable>(
        _ action: String, in scope: AccountRegion, credentials: any CredentialProvider,
        _ body: @escaping @Sendable (AWSCallContext) async throws -> T
    ) async throws(AuditError) -> T {
        let context = AWSCallContext(
            region: scope.region.rawValue, credentials: credentials, rateLimitKey: scope.description)
        let limit = perAccountRegion.semaphore(for: scope)
        return try await limit.withPermit { () async throws(AuditError) -> T in
            try await self.call(action) { try await body(context) }
        }
    }

    /// A call context in `region` (the home region by default) with `credentials`.
    func context(credentials: any CredentialProvider, region: Region? = nil) -> AWSCallContext {
        AWSCallContext(region: (region ?? homeRegion).rawValue, credentials: credentials)
    }

    /// Stops the run: no AWS call is made from now on, and lookups in progress fail at their next call.
    func stop() {
        stopSignal.stop()
    }

    /// One `AsyncSemaphore` per account and region.
    private final class Limits: @unchecked Sendable {
        private let limit: Int
        private let lock = NSLock()
        private var semaphores: [AccountRegion: AsyncSemaphore] = [:]

        init(limit: Int) {
            self.limit = limit
        }

        func semaphore(for scope: AccountRegion) -> AsyncSemaphore {
            lock.withLock {
                if let semaphore = semaphores[scope] { return semaphore }
                let semaphore = AsyncSemaphore(limit: limit)
                semaphores[scope] = semaphore
                return semaphore
            }
        }
    }
}
