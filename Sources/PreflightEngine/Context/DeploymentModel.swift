/// What the deployment creates and where: read from `rules/deployment.yaml` or from the CloudFormation templates.
public struct DeploymentModel: Sendable, Codable, Equatable {
    /// The SSM association the StackSet creates in every target account and region.
    public struct Association: Sendable, Codable, Equatable {
        public var name: String
        public var document: String
        public var parameters: [String: [String]]
        public var targets: [Target]
        public var defaultSchedule: String
    }

    /// An association target.
    public struct Target: Sendable, Codable, Equatable {
        public var key: String
        public var values: [String]
    }

    /// One SSM parameter the StackSet creates, its pattern, and whether its value is secret.
    public struct Parameter: Sendable, Codable, Equatable {
        public var name: String
        public var pattern: String
        public var secret: Bool
    }

    public var stackSetName: String
    public var regions: [String]
    public var parameters: [Parameter]
    public var association: Association
    /// The service principal that must have trusted access, and delegated administrators, for StackSets.
    public var stackSetsServicePrincipal: String
    /// The custom-resource Lambda role's identity policies, with `${CloudOneApiKeySecret}`, `${TrendKeyArn}`,
    /// `${AWS::Partition}` placeholders.
    public var lambdaPolicies: [String]
    /// The logical id of the Lambda role in the deployed stack.
    public var lambdaRoleLogicalId: String
}
