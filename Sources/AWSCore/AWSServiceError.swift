/// An error answered by an AWS service, with its code, message and request id.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var service: String
    public var operation: String
    public var statusCode: Int
    /// The AWS error code, e.g. `AccessDenied`, `ThrottlingException`.
    public var code: String
    public var message: String
    public var requestId: String?

    public init(service: String, operation: String, statusCode: Int, code: String, message: String, requestId: String?) {
        self.service = service
        self.operation = operation
        self.statusCode = statusCode
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    /// Whether the error means the caller lacks a permission.
    public var isAccessDenied: Bool {
        ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
         "UnauthorizedAccess", "AccessDeniedForDependencyException"].contains(code)
    }

    public var description: String {
        let request = requestId.map { " (request id \($0))" } ?? ""
        return "\(service):\(operation) failed with \(code): \(message)\(request)"
    }
}
