import AWSCore

/// Answers every request with the same response, so that a benchmark measures the client without a network.
public struct InMemoryTransport: HTTPTransport {
    let response: AWSHTTPResponse

    public init(response: AWSHTTPResponse) {
        self.response = response
    }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        response
    }
}
