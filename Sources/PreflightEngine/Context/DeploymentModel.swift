import AWSCore

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

    /// One SSM parameter the StackSet creates, its pattern, and whether its data declares its value secret.
    public struct Parameter: Sendable, Codable, Equatable {
        public var name: String
        public var pattern: String
        /// Data can make a parameter secret, never make one of `DeploymentParameters.secretKeys` public.
        public var secret: Bool

        /// Whether the value must never be printed: a secret of the code's list, or declared secret.
        public var isSecret: Bool { secret || DeploymentParameters.secretKeys.contains(name) }
    }

    public var stackSetName: String
    public var regions: [Region]
    public var parameters: [Parameter]
    public var association: Association
    /// The service principal that must have trusted access, and delegated administrators, for StackSets.
    public var stackSetsServicePrincipal: String
    /// The custom-resource Lambda role's identity policies, with `${CloudOneApiKeySecret}`, `${TrendKeyArn}`,
    /// `${AWS::Partition}` placeholders.
    public var lambdaPolicies: [String]
    /// The logical id of the Lambda role in the deployed stack.
    public var lambdaRoleLogicalId: String
    /// The custom-resource Lambda function: its logical id and runtime (`python3.9`).
    public var lambdaFunction: LambdaFunction
    /// Where the root stack's nested templates and the Lambda's code are staged.
    public var staging: Staging

    /// The staging objects as the root template writes them, with `${…}` placeholders, and its parameters'
    /// defaults.
    public struct Staging: Sendable, Codable, Equatable {
        /// The nested stacks' `TemplateURL`s (`https://${QSS3BucketName}.s3.${QSS3BucketRegion}.${AWS::URLSuffix}/…`).
        public var templateURLs: [String]
        /// The Lambda function's `Code.S3Bucket`.
        public var lambdaCodeBucket: String
        /// The Lambda function's `Code.S3Key`.
        public var lambdaCodeKey: String
        /// The root template's parameter defaults, used for the parameters a parameters file does not give.
        public var parameterDefaults: [String: String]
    }

    /// The custom-resource Lambda function as the template declares it.
    public struct LambdaFunction: Sendable, Codable, Equatable {
        public var logicalId: String
        public var runtime: String
    }
}
