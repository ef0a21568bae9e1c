import AWSCore

/// Instance profiles: the role an instance acts as.
extension IAM {
    /// An instance profile and its role (a profile holds at most one).
    public struct InstanceProfile: Decodable, Sendable, Equatable {
        public var instanceProfileName: String
        public var arn: String
        public var roles: [Role]

        enum CodingKeys: String, CodingKey { case instanceProfileName = "InstanceProfileName", arn = "Arn", roles = "Roles" }
    }

    struct GetInstanceProfileResult: Decodable, Sendable {
        var instanceProfile: InstanceProfile

        enum CodingKeys: String, CodingKey { case instanceProfile = "InstanceProfile" }
    }

    /// `iam:GetInstanceProfile`.
    public func getInstanceProfile(name: String) async throws -> InstanceProfile {
        var parameters = QueryParameters()
        parameters.add("InstanceProfileName", name)
        let result: GetInstanceProfileResult = try await client.query(
            .getInstanceProfile, service: .iam, context: context, parameters: parameters)
        return result.instanceProfile
    }
}
