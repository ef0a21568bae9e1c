import AWSCore
import Foundation

/// AWS Security Token Service: who the caller is, and credentials for a member account's role.
public struct STS: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// The identity behind the context's credentials.
    public struct CallerIdentity: Decodable, Sendable, Equatable {
        public var userId: String
        public var account: String
        public var arn: String

        enum CodingKeys: String, CodingKey {
            case userId = "UserId", account = "Account", arn = "Arn"
        }
    }

    /// `sts:GetCallerIdentity`.
    public func getCallerIdentity() async throws -> CallerIdentity {
        try await client.query(.getCallerIdentity, service: .sts, context: context, parameters: QueryParameters())
    }

    /// Temporary credentials returned by `AssumeRole` and `AssumeRoleWithWebIdentity`.
    public struct RoleCredentials: Decodable, Sendable {
        struct Credentials: Decodable, Sendable {
            var accessKeyId: String
            var secretAccessKey: String
            var sessionToken: String
            var expiration: Date

            enum CodingKeys: String, CodingKey {
                case accessKeyId = "AccessKeyId", secretAccessKey = "SecretAccessKey"
                case sessionToken = "SessionToken", expiration = "Expiration"
            }
        }

        var credentials: Credentials

        enum CodingKeys: String, CodingKey { case credentials = "Credentials" }

        /// The credentials in the client's form.
        public var awsCredentials: AWSCredentials {
            AWSCredentials(
                accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken, expiration: credentials.expiration)
        }
    }

    /// `sts:AssumeRole`.
    public func assumeRole(
        roleArn: String, sessionName: String, externalId: String? = nil, durationSeconds: Int? = nil
    ) async throws -> AWSCredentials {
        var parameters = QueryParameters()
        parameters.add("RoleArn", roleArn)
        parameters.add("RoleSessionName", sessionName)
        parameters.add("ExternalId", externalId)
        parameters.add("DurationSeconds", durationSeconds)
        let result: RoleCredentials = try await client.query(
            .assumeRole, service: .sts, context: context, parameters: parameters)
        return result.awsCredentials
    }

    /// `sts:AssumeRoleWithWebIdentity`, sent unsigned whatever the context's credentials.
    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String) async throws -> AWSCredentials {
        var parameters = QueryParameters()
        parameters.add("RoleArn", roleArn)
        parameters.add("RoleSessionName", sessionName)
        parameters.add("WebIdentityToken", token)
        let unsigned = AWSCallContext(region: context.region, credentials: nil, rateLimitKey: context.rateLimitKey)
        let result: RoleCredentials = try await client.query(
            .assumeRoleWithWebIdentity, service: .sts, context: unsigned, parameters: parameters)
        return result.awsCredentials
    }
}
