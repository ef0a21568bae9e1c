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

    /// A permissions boundary attached to a principal.
    public struct PermissionsBoundary: Decodable, Sendable, Equatable {
        public var permissionsBoundaryArn: String?

        enum CodingKeys: String, CodingKey { case permissionsBoundaryArn = "PermissionsBoundaryArn" }
    }

    struct GetRoleResult: Decodable, Sendable { var Role: Role }

    /// `iam:GetRole`.
    public func getRole(name: String) async throws -> Role {
        var parameters = QueryParameters()
        parameters.add("RoleName", name)
        let result: GetRoleResult = try await client.query(.getRole, service: .iam, context: context, parameters: parameters)
        return result.Role
    }
}
