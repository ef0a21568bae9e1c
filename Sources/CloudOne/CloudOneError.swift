import AWSCore

/// A Workload Security call that did not succeed. Its message never holds the API key, even when the server echoes it.
public struct CloudOneError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 401 or 403: the key is unknown to this region, revoked, expired, inactive, or its role may not do this.
        case rejected
        /// Another error answer from the API.
        case service
        /// No complete answer: connection, timeout, throttled past the retries.
        case transport
        /// An answer that is not the documented shape.
        case malformedResponse
    }

    public var kind: Kind
    public var operation: CloudOneOperation
    /// The HTTP status of an error answer, nil when there was none.
    public var statusCode: Int?
    public var message: String

    /// - Parameter secrets: what must not appear in the message (the API key).
    public init(
        _ kind: Kind, operation: CloudOneOperation, statusCode: Int? = nil, message: String, redacting secrets: [String]
    ) {
        self.kind = kind
        self.operation = operation
        self.statusCode = statusCode
        self.message = ErrorMessageRedaction.redact(message, secrets: secrets)
    }

    public var description: String {
        let status = statusCode.map { " (HTTP \($0))" } ?? ""
        return "cloudone:\(operation.name)\(status): \(message)"
    }
}
