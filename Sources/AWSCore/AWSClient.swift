import AWSSigV4
import AWSXML
import Foundation
import Logging

/// Sends read-only AWS operations: it encodes, signs, sends, retries, maps errors and decodes.
///
/// Each attempt is signed afresh (with a signer kept per credentials, region and service), then retried by the SDKs'
/// standard or adaptive policy, and only then mapped to `AWSServiceError` or `AWSClientError`. Retry quotas and
/// adaptive rate limiters are kept per `AWSCallContext.rateLimitKey`. The client accepts `ReadOnlyOperation` only.
public struct AWSClient: Sendable {
    let transport: any HTTPTransport
    let endpoints: EndpointResolver
    let retry: RetryConfiguration
    let retryQuotas: RetryQuotas
    let rateLimiters: AdaptiveRateLimiterRegistry
    let signers: SignerCache
    let timeout: Duration
    let logger: Logger
    let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - timeout: the deadline of one attempt.
    ///   - clock: the signing time source (tests pin it).
    public init(
        transport: any HTTPTransport,
        endpoints: EndpointResolver,
        retry: RetryConfiguration,
        timeout: Duration = .seconds(20),
        logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.transport = transport
        self.endpoints = endpoints
        self.retry = retry
        self.retryQuotas = RetryQuotas()
        self.rateLimiters = AdaptiveRateLimiterRegistry()
        self.signers = SignerCache()
        self.timeout = timeout
        self.logger = logger
        self.clock = clock
    }

    /// Sends an AWS query or EC2 operation and decodes its XML result.
    public func query<Output: Decodable & Sendable>(
        _ operation: ReadOnlyOperation,
        service: AWSServiceDescription,
        context: AWSCallContext,
        parameters: QueryParameters
    ) async throws -> Output {
        let body: [UInt8]
        let resultPath: [String]
        switch service.wireProtocol {
        case .query(let version):
            body = parameters.formBody(action: operation.name, version: version)
            resultPath = ["\(operation.name)Result"]
        case .ec2(let version):
            body = parameters.formBody(action: operation.name, version: version)
            resultPath = []
        case .json, .restXML, .restJSON:
            preconditionFailure("\(service.signingName) is not a query service")
        }
        let request = AWSRESTRequest(
            method: "POST", path: "/",
            headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")], body: body)
        return try await execute(operation, service: service, context: context, request: { _ in request }) { response in
            try AWSXMLDecoder().decode(Output.self, from: response.body, resultPath: resultPath)
        }
    }

    /// Sends a JSON 1.1 operation and decodes its JSON result.
    public func json<Input: Encodable & Sendable, Output: Decodable & Sendable>(
        _ operation: ReadOnlyOperation,
        service: AWSServiceDescription,
        context: AWSCallContext,
        input: Input
    ) async throws -> Output {
        guard case .json(let prefix) = service.wireProtocol else {
            preconditionFailure("\(service.signingName) is not a JSON service")
        }
        let request = AWSRESTRequest(
            method: "POST", path: "/",
            headers: [
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "X-Amz-Target", value: "\(prefix).\(operation.name)"),
            ],
            body: try Array(JSONEncoder().encode(input)))
        return try await execute(operation, service: service, context: context, request: { _ in request }) { response in
            try Self.jsonDecoder.decode(Output.self, from: Data(response.body))
        }
    }

    /// Sends a REST operation: `request` is built for the endpoint (S3 addresses buckets by it), and `decode` reads
    /// the whole response, headers included (a HEAD answer has no body).
    public func rest<Output: Sendable>(
        _ operation: ReadOnlyOperation,
        service: AWSServiceDescription,
        context: AWSCallContext,
        request: (AWSEndpoint) -> AWSRESTRequest,
        decode: (AWSHTTPResponse) throws -> Output
    ) async throws -> Output {
        switch service.wireProtocol {
        case .restXML, .restJSON: break
        case .query, .ec2, .json: preconditionFailure("\(service.signingName) is not a REST service")
        }
        return try await execute(operation, service: service, context: context, request: request, decode: decode)
    }

    /// Decodes JSON answers: dates in epoch seconds, as AWS's JSON protocols send them.
    static var jsonDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
