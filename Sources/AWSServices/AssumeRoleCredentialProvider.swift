import AWSCore
import Logging

/// Credentials of a role assumed with `sts:AssumeRole`; wrap it in `RefreshingCredentialProvider` to reuse them.
public struct AssumeRoleCredentialProvider: CredentialProvider {
    let client: AWSClient
    let roleArn: String
    let sessionName: String
    let region: String
    let source: any CredentialProvider

    public init(client: AWSClient, roleArn: String, sessionName: String, region: String, source: any CredentialProvider) {
        self.client = client
        self.roleArn = roleArn
        self.sessionName = sessionName
        self.region = region
        self.source = source
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        try await STS(client: client, context: AWSCallContext(region: region, credentials: source))
            .assumeRole(roleArn: roleArn, sessionName: sessionName)
    }
}
