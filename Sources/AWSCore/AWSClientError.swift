/// A failure that is not an AWS error answer: transport, response decoding, credentials or retries exhausted.
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
    }

    public var kind: Kind
    public var service: String
    public var operation: String
    public var message: String

    public init(_ kind: Kind, service: String, operation: String, message: String) {
        self.kind = kind
        self.service = service
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(service):\(operation): \(message)" }
}
