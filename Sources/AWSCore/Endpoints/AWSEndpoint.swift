/// Where a request goes and which region it is signed for.
public struct AWSEndpoint: Sendable, Hashable {
    /// Scheme, host and optional port, without a trailing slash, e.g. `https://ssm.eu-west-1.amazonaws.com`.
    public var baseURL: String
    /// The region in the SigV4 credential scope.
    public var signingRegion: String
    /// Host header value (host, plus port when not the scheme's default).
    public var host: String

    public init(baseURL: String, signingRegion: String, host: String) {
        self.baseURL = baseURL
        self.signingRegion = signingRegion
        self.host = host
    }
}
