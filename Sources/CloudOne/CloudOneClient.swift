import AWSCore
import Foundation
import Logging

/// Sends Workload Security API calls: `Authorization: ApiKey …`, `api-version: v1`, JSON bodies; retries throttling
/// (429) and server errors (5xx) with the SDKs' standard backoff; maps failures to `CloudOneError` without the key.
/// It accepts `CloudOneOperation` only.
public struct CloudOneClient: Sendable {
    let transport: any HTTPTransport
    let endpoint: CloudOneEndpoint
    let key: CloudOneAPIKey
    let retry: RetryConfiguration
    let quota: RetryQuota
    let timeout: Duration
    let logger: Logger

    public init(
        transport: any HTTPTransport, endpoint: CloudOneEndpoint, key: CloudOneAPIKey,
        retry: RetryConfiguration = .default, timeout: Duration = .seconds(30), logger: Logger
    ) {
        self.transport = transport
        self.endpoint = endpoint
        self.key = key
        self.retry = retry
        self.quota = RetryQuota()
        self.timeout = timeout
        self.logger = logger
    }

    /// Sends `operation` with `body` (JSON, or none) and decodes its JSON answer.
    public func send<Output: Decodable & Sendable>(
        _ operation: CloudOneOperation, body: (some Encodable & Sendable)?, as output: Output.Type = Output.self
    ) async throws(CloudOneError) -> Output {
        let secrets = [key.secret]
        let encoded: [UInt8]
        do {
            encoded = try body.map { try Array(JSONEncoder().encode($0)) } ?? []
        } catch {
            throw CloudOneError(.malformedResponse, operation: operation, message: "cannot encode the request: \(error)", redacting: secrets)
        }
        var headers = [
            (name: "Authorization", value: "ApiKey \(key.secret)"),
            (name: "api-version", value: "v1"),
            (name: "Accept", value: "application/json"),
            (name: "User-Agent", value: ToolVersion.userAgent),
        ]
        if body != nil { headers.append((name: "Content-Type", value: "application/json")) }
        let request = AWSHTTPRequest(method: operation.method, url: endpoint.url(for: operation), headers: headers, body: encoded)
        var machine = RetryStateMachine(configuration: retry, quota: quota)
        while true {
            let failure: CloudOneError
            let outcome: AttemptOutcome
            do {
                let response = try await transport.send(request, timeout: timeout)
                if (200..<300).contains(response.statusCode) {
                    do {
                        let output = try Self.decoder.decode(Output.self, from: Data(response.body))
                        _ = machine.record(.success)
                        return output
                    } catch {
                        throw CloudOneError(
                            .malformedResponse, operation: operation, statusCode: response.statusCode,
                            message: "the answer is not the documented shape: \(Self.describe(error))", redacting: secrets)
                    }
                }
                failure = Self.serviceError(response, operation: operation, redacting: secrets)
                outcome = .serviceError(
                    code: response.statusCode == 429 ? "TooManyRequestsException" : nil, statusCode: response.statusCode)
            } catch let error as TransportFailure {
                failure = CloudOneError(.transport, operation: operation, message: error.detail, redacting: secrets)
                outcome = .transportError(error)
            } catch let error as CloudOneError {
                throw error
            } catch {
                throw CloudOneError(.transport, operation: operation, message: "\(error)", redacting: secrets)
            }
            switch machine.record(outcome) {
            case .retry(let delay):
                logger.debug("retrying", metadata: ["operation": "\(operation.name)", "attempt": "\(machine.attempts)"])
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw failure
                }
            case .done, .fail:
                throw failure
            }
        }
    }

    /// Sends `operation` without a body.
    public func send<Output: Decodable & Sendable>(
        _ operation: CloudOneOperation, as output: Output.Type = Output.self
    ) async throws(CloudOneError) -> Output {
        try await send(operation, body: Optional<EmptyBody>.none, as: output)
    }

    /// A request without a body.
    struct EmptyBody: Encodable, Sendable {}

    static let decoder = JSONDecoder()

    /// The error of a non-2xx answer: its status and the `message` of its JSON body, when it has one.
    static func serviceError(_ response: AWSHTTPResponse, operation: CloudOneOperation, redacting secrets: [String]) -> CloudOneError {
        struct Body: Decodable { var message: String? }
        let message = (try? decoder.decode(Body.self, from: Data(response.body)))?.message
        let kind: CloudOneError.Kind = response.statusCode == 401 || response.statusCode == 403 ? .rejected : .service
        let text = message.map { "the API answered: \($0)" } ?? "the API answered with no message"
        return CloudOneError(kind, operation: operation, statusCode: response.statusCode, message: text, redacting: secrets)
    }

    /// A decoding error as one line naming the field, without the value that failed.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "\(path(context)) is invalid"
        @unknown default: return "not JSON"
        }
    }
}
