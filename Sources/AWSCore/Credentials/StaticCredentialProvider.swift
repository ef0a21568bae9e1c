import Logging

/// Always returns the same credentials; the source handed to `RoleCredentialFetcher.assumeRole` once a
/// profile's source credentials are resolved.
public struct StaticCredentialProvider: CredentialProvider {
    public let credentials: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        self.credentials = credentials
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        credentials
    }
}
