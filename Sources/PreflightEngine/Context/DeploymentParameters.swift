/// The CloudFormation parameters of the deployment, as given to `aws cloudformation create-stack --parameters`.
public struct DeploymentParameters: Sendable, Equatable {
    /// Each parameter's value and the line it was read from.
    public var values: [String: (value: String, line: Int)]
    /// The file they came from; `nil` when none was given and defaults apply.
    public var file: String?

    public init(values: [String: (value: String, line: Int)] = [:], file: String? = nil) {
        self.values = values
        self.file = file
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.file == rhs.file && lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
    }

    /// `SELF` or `DELEGATED_ADMIN`; `SELF` when not given, as in the template.
    public var accountAdminStatus: String { values["AccountAdminStatus"]?.value ?? "SELF" }

    /// The value of parameter `key`.
    public subscript(key: String) -> String? { values[key]?.value }

    /// Parameter names whose values are secret and must never be printed.
    public static let secretKeys: Set<String> = ["CloudOneAPIKey", "CloudOneApiKeySecret", "dsTenantId", "dsToken"]
}
