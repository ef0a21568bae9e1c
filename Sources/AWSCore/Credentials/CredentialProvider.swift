import Logging

/// Something that can produce AWS credentials, like one link of the AWS CLI's credential chain.
public protocol CredentialProvider: Sendable {
    /// Returns credentials, or throws `CredentialProviderError.notFound` when this source has none to offer.
    func credentials(logger: Logger) async throws -> AWSCredentials
}
