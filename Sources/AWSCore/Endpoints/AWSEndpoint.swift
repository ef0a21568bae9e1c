import Foundation

/// Where a request goes and which region it is signed for.
public struct AWSEndpoint: Sendable, Hashable {
    /// The URL requests are sent to, e.g. `https://ssm.eu-west-1.amazonaws.com/`.
    public var url: URL
    /// The region in the SigV4 credential scope.
    public var signingRegion: String
    /// Host header value (host, plus port when not the scheme's default).
    public var host: String
    /// Whether the URL comes from an endpoint URL setting rather than the partition's standard host (S3 then
    /// addresses buckets in the path, as emulators and gateways expect).
    public var isConfigured: Bool

    public init(url: URL, signingRegion: String, host: String, isConfigured: Bool = false) {
        self.url = url
        self.signingRegion = signingRegion
        self.host = host
        self.isConfigured = isConfigured
    }
}
