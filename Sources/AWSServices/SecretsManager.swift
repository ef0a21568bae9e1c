import AWSCore

/// AWS Secrets Manager: the one secret Preflight reads, and only when asked (the deployment's Cloud One API key).
public struct SecretsManager: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    struct GetSecretValueInput: Encodable, Sendable {
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
            .getSecretValue, service: .secretsManager, context: context, input: GetSecretValueInput(secretId: id))
        return output.secretString
    }
}
