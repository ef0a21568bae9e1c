/// A failure that is not an AWS error answer: transport, response decoding, credentials or retries exhausted.
/// Its message is passed through `ErrorMessageRedaction`.
public struct AWSClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The connection failed, was reset, or timed out.
        case transport
        /// The response could not be decoded (malformed XML/JSON, wrong shape, truncated body).
        case malformedResponse
        /// No usable credentials.
        case credentials
        /// A paginated operation returned a page token it had already returned.
        case paginationLoop
        /// The call cannot be addressed: its region is not a region name, or its endpoint is not a URL.
        case invalidEndpoint
    }

    public var kind: Kind
    public var service: String
    public var operation: String
    public var message: String

    /// - Parameter secrets: the credentials of the request, removed wherever they appear.
    public init(_ kind: Kind, service: String, operation: String, message: String, redacting secrets: [String] = []) {
        self.kind = kind
        self.service = service
        self.operation = operation
        self.message = ErrorMessageRedaction.redact(message, secrets: secrets)
    }

    public var description: String { "\(service):\(operation): \(message)" }
}
