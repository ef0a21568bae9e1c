import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// A small response from a credential endpoint (IMDS, the container credentials service, IAM Identity Center).
struct MetadataResponse: Sendable {
    var status: Int
    var body: String
    /// The `x-amzn-ErrorType` header of an AWS error answer.
    var errorType: String?
}

/// The methods credential endpoints use.
enum MetadataMethod: Sendable {
    case get
    case put
    /// A POST with a body.
    case post(Data)
}

extension HTTPClient {
    /// Sends one request that must complete, body included, within `timeout` (AsyncHTTPClient's own timeout ends
    /// with the response head, so a server stalling in the body is cut off here).
    /// - Throws: `TimeLimitExceeded` when `timeout` passes first.
    func metadataRequest(
        _ method: MetadataMethod,
        url: String,
        headers: [(String, String)],
        timeout: Duration,
        logger: Logger
    ) async throws -> MetadataResponse {
        var request = HTTPClientRequest(url: url)
        switch method {
        case .get: request.method = .GET
        case .put: request.method = .PUT
        case .post(let body):
            request.method = .POST
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        let prepared = request
        return try await withTimeLimit(timeout, on: eventLoopGroup.any()) {
            let response = try await self.execute(prepared, timeout: .nanoseconds(timeout.nanoseconds), logger: logger)
            let body = try await response.body.collect(upTo: 1 << 20)
            return MetadataResponse(
                status: Int(response.status.code), body: String(buffer: body),
                errorType: response.headers.first(name: "x-amzn-ErrorType"))
        }
    }
}
