import AWSCore
import Foundation
import Logging

/// Records STS calls instead of making them and returns credentials derived from the role ARN.
final class FakeRoleFetcher: RoleCredentialFetcher {
    struct AssumeRoleCall: Equatable {
        var roleArn: String
        var sessionName: String
        var externalId: String?
        var durationSeconds: Int?
        var region: String
        /// Access key of the source credentials the call would be signed with.
        var sourceAccessKeyId: String
    }

    struct WebIdentityCall: Equatable {
        var roleArn: String
        var sessionName: String
        var webIdentityToken: String
        var region: String
    }

    private let assumeRoleLog = CredentialTestLock<[AssumeRoleCall]>([])
    private let webIdentityLog = CredentialTestLock<[WebIdentityCall]>([])

    var assumeRoleCalls: [AssumeRoleCall] { assumeRoleLog.current }
    var webIdentityCalls: [WebIdentityCall] { webIdentityLog.current }

    /// The credentials this fake hands out for a role.
    static func credentials(for roleArn: String) -> AWSCredentials {
        let name = roleArn.split(separator: "/").last.map(String.init) ?? roleArn
        return AWSCredentials(
            accessKeyId: "ASIA-\(name)",
            secretAccessKey: "assumed-secret-\(name)",
            sessionToken: "assumed-token-\(name)",
            expiration: Date().addingTimeInterval(3600)
        )
    }

    func assumeRole(
        roleArn: String,
        sessionName: String,
        externalId: String?,
        durationSeconds: Int?,
        region: String,
        source: any CredentialProvider,
        logger: Logger
    ) async throws -> AWSCredentials {
        let sourceCredentials = try await source.credentials(logger: logger)
        let call = AssumeRoleCall(
            roleArn: roleArn,
            sessionName: sessionName,
            externalId: externalId,
            durationSeconds: durationSeconds,
            region: region,
            sourceAccessKeyId: sourceCredentials.accessKeyId
        )
        assumeRoleLog.withValue { $0.append(call) }
        return Self.credentials(for: roleArn)
    }

    func assumeRoleWithWebIdentity(
        roleArn: String,
        sessionName: String,
        webIdentityToken: String,
        region: String,
        logger: Logger
    ) async throws -> AWSCredentials {
        let call = WebIdentityCall(
            roleArn: roleArn,
            sessionName: sessionName,
            webIdentityToken: webIdentityToken,
            region: region
        )
        webIdentityLog.withValue { $0.append(call) }
        return Self.credentials(for: roleArn)
    }
}

let credentialTestLogger = Logger(label: "credential-tests")
