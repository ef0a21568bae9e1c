import AWSCore
import Logging

/// Implements the credential chain's role calls over `STS`.
public struct STSRoleCredentialFetcher: RoleCredentialFetcher {
    let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public func assumeRole(
        roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?, region: String,
        source: any CredentialProvider, logger: Logger
    ) async throws -> AWSCredentials {
        logger.debug("assuming role", metadata: ["role": "\(roleArn)"])
        return try await STS(client: client, context: AWSCallContext(region: region, credentials: source))
            .assumeRole(roleArn: roleArn, sessionName: sessionName, externalId: externalId, durationSeconds: durationSeconds)
    }

    public func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String, webIdentityToken: String, region: String, logger: Logger
    ) async throws -> AWSCredentials {
        logger.debug("assuming role with web identity", metadata: ["role": "\(roleArn)"])
        return try await STS(client: client, context: AWSCallContext(region: region, credentials: nil))
            .assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: sessionName, token: webIdentityToken)
    }
}
