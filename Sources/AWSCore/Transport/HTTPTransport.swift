/// Sends HTTP requests. The client uses AsyncHTTPClient in production; tests can serve requests in memory.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the whole response, or throws `TransportFailure`.
    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse
}
