import Foundation
import Logging

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SECURITY_TOKEN` or `AWS_SESSION_TOKEN`, and
/// `AWS_CREDENTIAL_EXPIRATION`, like botocore's `EnvProvider`.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let provider = "environment"
        guard let accessKeyId = value("AWS_ACCESS_KEY_ID") else {
            throw CredentialProviderError(.notFound, provider: provider, message: "AWS_ACCESS_KEY_ID is not set")
        }
        guard let secretAccessKey = value("AWS_SECRET_ACCESS_KEY") else {
            throw CredentialProviderError(
                .invalid,
                provider: provider,
                message: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
            )
        }
        var expiration: Date?
        if let text = value("AWS_CREDENTIAL_EXPIRATION") {
            guard let date = CredentialTimestamp.parse(text) else {
                throw CredentialProviderError(
                    .invalid,
                    provider: provider,
                    message: "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 timestamp"
                )
            }
            expiration = date
        }
        logger.debug("found credentials in environment variables")
        return AWSCredentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: value("AWS_SECURITY_TOKEN") ?? value("AWS_SESSION_TOKEN"),
            expiration: expiration
        )
    }

    private func value(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
