import AWSCore

/// Systems Manager's account × region settings: Default Host Management Configuration.
extension SSM {
    /// The setting that names Default Host Management Configuration's role.
    public static let defaultInstanceManagementRoleSetting = "/ssm/managed-instance/default-ec2-instance-management-role"

    /// A service setting's value.
    public struct ServiceSetting: Codable, Sendable, Equatable {
        public var settingId: String?
        public var settingValue: String?
        /// `Default`, `Customized` or `PendingUpdate`.
        public var status: String?

        enum CodingKeys: String, CodingKey { case settingId = "SettingId", settingValue = "SettingValue", status = "Status" }
    }

    struct ServiceSettingInput: Codable, Sendable {
        var settingId: String

        enum CodingKeys: String, CodingKey { case settingId = "SettingId" }
    }
    struct ServiceSettingOutput: Codable, Sendable {
        var serviceSetting: ServiceSetting?

        enum CodingKeys: String, CodingKey { case serviceSetting = "ServiceSetting" }
    }

    /// `ssm:GetServiceSetting` for `settingId`.
    public func getServiceSetting(_ settingId: String) async throws -> ServiceSetting {
        let output: ServiceSettingOutput = try await client.json(
            .getServiceSetting, service: .ssm, context: context, input: ServiceSettingInput(settingId: settingId))
        guard let setting = output.serviceSetting else {
            throw AWSClientError(
                .malformedResponse, service: "ssm", operation: "GetServiceSetting", message: "no ServiceSetting in the answer")
        }
        return setting
    }
}
