/// One named profile of the shared config files: its settings with keys lowercased, as botocore reads them.
public struct AWSProfile: Sendable, Equatable {
    public var name: String
    public var values: [String: String]

    public init(name: String, values: [String: String]) {
        self.name = name
        self.values = values
    }

    public subscript(key: String) -> String? { values[key] }

    /// The profile's `region` setting.
    public var region: String? { values["region"] }

    var hasStaticCredentials: Bool {
        values["aws_access_key_id"] != nil || values["aws_secret_access_key"] != nil
    }

    /// Whether botocore's assume-role provider handles this profile: `role_arn` without `web_identity_token_file`.
    var assumesRole: Bool {
        values["role_arn"] != nil && values["web_identity_token_file"] == nil
    }
}

extension AWSProfile: CustomStringConvertible {
    /// Lists the setting names only, never their values.
    public var description: String { "AWSProfile(\(name): \(values.keys.sorted().joined(separator: ", ")))" }
}
