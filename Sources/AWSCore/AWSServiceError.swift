/// An error answered by an AWS service, with its code, message and request id, each passed through
/// `ErrorMessageRedaction` (a server may quote the signed request or echo a credential).
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var statusCode: Int
    /// The AWS error code, e.g. `AccessDenied`, `ThrottlingException`.
    public var code: String
    public var message: String
    public var requestId: String?

    /// - Parameter secrets: the credentials of the request, removed wherever they appear.
    public init(
        service: String, operation: String, statusCode: Int, code: String, message: String, requestId: String?,
        redacting secrets: [String] = []
    ) {
        self.service = service
        self.operation = operation
        self.statusCode = statusCode
        self.code = ErrorMessageRedaction.redact(code, secrets: secrets)
        self.message = ErrorMessageRedaction.redact(message, secrets: secrets)
        self.requestId = requestId.map { ErrorMessageRedaction.redact($0, secrets: secrets) }
    }

    /// Whether the error means the caller lacks a permission.
    public var isAccessDenied: Bool {
        ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
         "UnauthorizedAccess", "AccessDeniedForDependencyException", "Forbidden"].contains(code)
    }

    public var description: String {
        let request = requestId.map { " (request id \($0))" } ?? ""
        return "\(service):\(operation) failed with \(code): \(message)\(request)"
    }
}
