import AWSCore

/// Answers every request with the same response, so that a benchmark measures the client without a network.
struct InMemoryTransport: HTTPTransport {
    let response: AWSHTTPResponse

    func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        response
    }
}
