import AWSCore
import Foundation

/// Answers requests in memory from a `SyntheticAWS`, so that an `AWSClient` talks to it with no socket.
///
/// The request is read as `BenchEndpoint` reads it (the SigV4 credential scope, `X-Amz-Target` or `Action`, the
/// body); the response carries the headers the endpoint sends.
public struct SyntheticTransport: HTTPTransport {
    public let aws: SyntheticAWS

    public init(aws: SyntheticAWS) {
        self.aws = aws
    }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        Self.httpResponse(answer(request))
    }

    /// The synthetic answer to `request`; an unsigned or unreadable request is refused as AWS refuses it.
    public func answer(_ request: AWSHTTPRequest) -> SyntheticResponse {
        let uri = URLComponents(string: request.url).map(Self.pathStyleURI) ?? "/"
        guard let parsed = SyntheticRequest(
            authorization: request.header("Authorization"), target: request.header("X-Amz-Target"), body: request.body,
            method: request.method, uri: uri)
        else {
            return .error(service: "sts", status: 400, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token")
        }
        return aws.respond(to: parsed)
    }

    /// The URI (path and query) as `BenchEndpoint` gets it, path-style: a virtual-hosted S3 bucket
    /// (`bucket.s3.region.amazonaws.com`) moves into the path.
    static func pathStyleURI(_ url: URLComponents) -> String {
        var path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        if let host = url.host, let range = host.range(of: ".s3.") {
            path = "/" + host[..<range.lowerBound] + path
        }
        return path + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// `response` as an HTTP response, with `BenchEndpoint`'s headers.
    static func httpResponse(_ response: SyntheticResponse) -> AWSHTTPResponse {
        let body = response.body
        return AWSHTTPResponse(
            statusCode: response.status,
            headers: [
                (name: "Content-Type", value: response.contentType), (name: "Content-Length", value: String(body.count)),
                (name: "x-amzn-RequestId", value: String(describing: SyntheticResponse.requestId)),
            ],
            body: body)
    }
}
