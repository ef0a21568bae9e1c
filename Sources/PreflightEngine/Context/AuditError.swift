import AWSCore

/// Why something could not be evaluated; becomes an `error` result, never a pass.
public struct AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The IAM action that was denied, when the cause is a missing permission.
    public var missingPermission: String?
    /// The AWS error code, when AWS answered with one.
    public var code: String?

    public init(message: String, missingPermission: String? = nil, code: String? = nil) {
        self.message = message
        self.missingPermission = missingPermission
        self.code = code
    }

    /// Describes any error thrown while calling `service:operation`.
    public init(_ error: any Error, action: String) {
        switch error {
        case let error as AuditError:
            self = error
        case let error as AWSServiceError:
            self.init(
                message: error.isAccessDenied
                    ? "access denied for \(action): \(error.message)" : "\(action) failed: \(error.code): \(error.message)",
                missingPermission: error.isAccessDenied ? action : nil, code: error.code)
        case let error as AWSClientError where error.kind == .credentials:
            // The credentials' own sentence ("no AWS credentials: tried …", an expired SSO session): the call is
            // not the cause.
            self.init(message: error.message)
        case let error as AWSClientError:
            self.init(message: "\(action) could not be completed: \(error.message)")
        default:
            self.init(message: "\(action) could not be completed: \(error)")
        }
    }

    public var description: String { message }

    /// Evidence for an `error` result.
    var evidence: [String: JSONValue] {
        var evidence: [String: JSONValue] = [:]
        if let missingPermission { evidence["missingPermission"] = .string(missingPermission) }
        if let code { evidence["errorCode"] = .string(code) }
        return evidence
    }
}

extension AuditError {
    /// Runs `body` and captures its typed error as a `Result`.
    static func catching<T>(_ body: () async throws(AuditError) -> T) async -> Result<T, AuditError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
