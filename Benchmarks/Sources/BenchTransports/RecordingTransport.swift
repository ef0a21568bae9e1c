import AWSCore
import Foundation

/// Sends through another transport and keeps the last answer.
public final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let base: any HTTPTransport
    private let lock = NSLock()
    private var recorded: AWSHTTPResponse?

    public init(wrapping base: any HTTPTransport) {
        self.base = base
    }

    /// The answer to the last request sent.
    public var last: AWSHTTPResponse? { lock.withLock { recorded } }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        let response = try await base.send(request, timeout: timeout)
        lock.withLock { recorded = response }
        return response
    }
}
