import AWSCore

/// AWS Secrets Manager: the one secret Preflight reads, and only when asked (the deployment's Cloud One API key);
/// the deployment secret's metadata and resource policy, which never hold its value.
public struct SecretsManager: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    struct SecretIdInput: Encodable, Sendable {
        var secretId: String
        enum CodingKeys: String, CodingKey { case secretId = "SecretId" }
    }

    struct GetSecretValueOutput: Decodable, Sendable {
        var secretString: String?
        enum CodingKeys: String, CodingKey { case secretString = "SecretString" }
    }

    /// The secret's current string value; nil when it holds binary data only. Callers must never print it.
    public func secretString(id: String) async throws -> String? {
        let output: GetSecretValueOutput = try await client.json(
            .getSecretValue, service: .secretsManager, context: context, input: SecretIdInput(secretId: id))
        return output.secretString
    }

    /// What `DescribeSecret` says of a secret: its ARN and the key that encrypts it.
    public struct SecretDescription: Decodable, Sendable, Equatable {
        public var arn: String
        public var name: String?
        /// The key's id, ARN or alias as given when the secret was created; nil: `alias/aws/secretsmanager`.
        public var kmsKeyId: String?

        public init(arn: String, name: String? = nil, kmsKeyId: String? = nil) {
            self.arn = arn
            self.name = name
            self.kmsKeyId = kmsKeyId
        }

        enum CodingKeys: String, CodingKey { case arn = "ARN", name = "Name", kmsKeyId = "KmsKeyId" }
    }

    struct ResourcePolicyOutput: Decodable, Sendable {
        var resourcePolicy: String?
        enum CodingKeys: String, CodingKey { case resourcePolicy = "ResourcePolicy" }
    }

    /// `secretsmanager:DescribeSecret`: the secret's metadata (never its value).
    public func describeSecret(id: String) async throws -> SecretDescription {
        try await client.json(
            .describeSecret, service: .secretsManager, context: context, input: SecretIdInput(secretId: id))
    }

    /// `secretsmanager:GetResourcePolicy`: the secret's resource policy as JSON text; nil when it has none.
    public func resourcePolicy(id: String) async throws -> String? {
        let output: ResourcePolicyOutput = try await client.json(
            .getResourcePolicy, service: .secretsManager, context: context, input: SecretIdInput(secretId: id))
        return output.resourcePolicy
    }
}
