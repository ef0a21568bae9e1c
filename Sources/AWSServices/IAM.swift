import AWSCore
import Foundation

/// AWS Identity and Access Management: principals and the policy simulator.
public struct IAM: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// An IAM role.
    public struct Role: Decodable, Sendable, Equatable {
        public var roleName: String
        public var arn: String
        public var path: String
        public var permissionsBoundary: PermissionsBoundary?

        enum CodingKeys: String, CodingKey {
            case roleName = "RoleName", arn = "Arn", path = "Path", permissionsBoundary = "PermissionsBoundary"
        }
    }

    /// An IAM user.
    public struct User: Decodable, Sendable, Equatable {
        public var userName: String
        public var arn: String
        public var path: String

        enum CodingKeys: String, CodingKey {
            case userName = "UserName", arn = "Arn", path = "Path"
        }
    }

    /// A permissions boundary attached to a principal.
    public struct PermissionsBoundary: Decodable, Sendable, Equatable {
        public var permissionsBoundaryArn: String?

        enum CodingKeys: String, CodingKey { case permissionsBoundaryArn = "PermissionsBoundaryArn" }
    }

    /// An instance profile and its roles.
    public struct InstanceProfile: Decodable, Sendable, Equatable {
        public var instanceProfileName: String
        public var arn: String
        public var roles: [Role]?

        enum CodingKeys: String, CodingKey {
            case instanceProfileName = "InstanceProfileName", arn = "Arn", roles = "Roles"
        }
    }

    struct GetRoleResult: Decodable, Sendable { var Role: Role }
    struct GetUserResult: Decodable, Sendable { var User: User }
    struct GetInstanceProfileResult: Decodable, Sendable { var InstanceProfile: InstanceProfile }

    /// `iam:GetRole`.
    public func getRole(name: String) async throws -> Role {
        var parameters = QueryParameters()
        parameters.add("RoleName", name)
        let result: GetRoleResult = try await client.query(.getRole, service: .iam, context: context, parameters: parameters)
        return result.Role
    }

    /// `iam:GetUser`.
    public func getUser(name: String) async throws -> User {
        var parameters = QueryParameters()
        parameters.add("UserName", name)
        let result: GetUserResult = try await client.query(.getUser, service: .iam, context: context, parameters: parameters)
        return result.User
    }

    /// `iam:GetInstanceProfile`.
    public func getInstanceProfile(name: String) async throws -> InstanceProfile {
        var parameters = QueryParameters()
        parameters.add("InstanceProfileName", name)
        let result: GetInstanceProfileResult = try await client.query(
            .getInstanceProfile, service: .iam, context: context, parameters: parameters)
        return result.InstanceProfile
    }
}
