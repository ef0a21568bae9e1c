/// The body of a request, as far as signing is concerned.
public enum SigV4Payload: Sendable, Equatable {
    /// No body.
    case empty
    /// The body bytes; the signer hashes them.
    case bytes([UInt8])
    /// The lowercase hex SHA-256 of the body, computed by the caller.
    case precomputedHash(String)
    /// The body is not signed (`UNSIGNED-PAYLOAD`).
    case unsigned
}
