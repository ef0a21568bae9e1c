import AsyncHTTPClient
import NIOSSL

extension HTTPClient.Configuration {
    /// The configuration of the HTTP client that sends AWS calls.
    ///
    /// Certificates are always verified. When `AWS_CA_BUNDLE` names a PEM file, its certificates replace the system's
    /// trust roots, as in the AWS CLI (for TLS-inspecting proxies and private endpoints). Redirects are never followed,
    /// so a signed request cannot be replayed to another host. Requests are not traced. A connection that sends
    /// nothing for `readTimeout` (the AWS CLI's 60 seconds) fails; each attempt is also bounded as a whole.
    public static func aws(
        environment: [String: String], readTimeout: Duration = standardReadTimeout
    ) throws -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let path = environment["AWS_CA_BUNDLE"], !path.isEmpty {
            tls.trustRoots = .certificates(try caBundle(at: path))
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(read: .nanoseconds(readTimeout.nanoseconds)), proxy: nil,
            ignoreUncleanSSLShutdown: false, decompression: .disabled)
        configuration.tracing.tracer = nil
        return configuration
    }

    /// The default read timeout: 60 seconds without data, as the AWS CLI's `--cli-read-timeout`.
    public static let standardReadTimeout: Duration = .seconds(60)

    /// The certificates of the PEM bundle at `path`; at least one.
    static func caBundle(at path: String) throws -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw CABundleError(path: path, reason: "cannot read PEM certificates from it")
        }
        guard !certificates.isEmpty else {
            throw CABundleError(path: path, reason: "it contains no PEM certificate")
        }
        return certificates
    }
}
