import Logging

/// The STS calls that role-based credential providers need; implemented over the AWS client by `AWSServices`,
/// so the credential chain does not depend on a service module.
public protocol RoleCredentialFetcher: Sendable {
    /// `sts:AssumeRole` signed with `source`'s credentials.
    func assumeRole(
        roleArn: String,
        sessionName: String,
        externalId: String?,
        durationSeconds: Int?,
        region: String,
        source: any CredentialProvider,
        logger: Logger
    ) async throws -> AWSCredentials

    /// `sts:AssumeRoleWithWebIdentity` (unsigned), as GitHub Actions OIDC and EKS use.
    func assumeRoleWithWebIdentity(
        roleArn: String,
        sessionName: String,
        webIdentityToken: String,
        region: String,
        logger: Logger
    ) async throws -> AWSCredentials
}
