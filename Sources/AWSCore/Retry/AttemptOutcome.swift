/// What one attempt of a request produced, as far as retrying is concerned.
public enum AttemptOutcome: Sendable, Equatable {
    /// A 2xx response.
    case success
    /// An error response; `code` is the parsed AWS error code, `nil` when the body had none.
    case serviceError(code: String?, statusCode: Int)
    /// No complete response arrived.
    case transportError(TransportFailure)
}
