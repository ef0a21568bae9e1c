/// Per-request signing choices; the defaults suit every service but S3.
public struct SigV4Options: Sendable, Equatable {
    /// Remove `.` and `..` segments and duplicate slashes from the path before signing (off for S3).
    public var normalizePath: Bool
    /// URI-encode the path for the canonical request, so a wire path is encoded twice (off for S3).
    public var encodePath: Bool
    /// Add an `x-amz-content-sha256` header with the payload hash and sign it (S3 needs it).
    public var addContentSHA256Header: Bool
    /// Add `X-Amz-Security-Token` but leave it out of the signature (a few services expect that).
    public var omitSessionTokenFromSignature: Bool

    public init(
        normalizePath: Bool = true,
        encodePath: Bool = true,
        addContentSHA256Header: Bool = false,
        omitSessionTokenFromSignature: Bool = false
    ) {
        self.normalizePath = normalizePath
        self.encodePath = encodePath
        self.addContentSHA256Header = addContentSHA256Header
        self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
    }
}
