import AWSCore

/// AWS KMS: which key a name resolves to, and its key policy.
public struct KMS: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// What `DescribeKey` says of a key.
    public struct KeyMetadata: Decodable, Sendable, Equatable {
        public var arn: String
        public var keyId: String?
        /// `AWS` (an AWS managed key such as `aws/secretsmanager`) or `CUSTOMER`.
        public var keyManager: String?
        /// `Enabled`, `Disabled`, `PendingDeletion`, …
        public var keyState: String?

        public init(arn: String, keyId: String? = nil, keyManager: String? = nil, keyState: String? = nil) {
            self.arn = arn
            self.keyId = keyId
            self.keyManager = keyManager
            self.keyState = keyState
        }

        enum CodingKeys: String, CodingKey { case arn = "Arn", keyId = "KeyId", keyManager = "KeyManager", keyState = "KeyState" }
    }

    struct KeyIdInput: Encodable, Sendable {
        var keyId: String
        enum CodingKeys: String, CodingKey { case keyId = "KeyId" }
    }
    struct DescribeKeyOutput: Decodable, Sendable {
        var keyMetadata: KeyMetadata?
        enum CodingKeys: String, CodingKey { case keyMetadata = "KeyMetadata" }
    }
    struct KeyPolicyInput: Encodable, Sendable {
        var keyId: String
        var policyName: String
        enum CodingKeys: String, CodingKey { case keyId = "KeyId", policyName = "PolicyName" }
    }
    struct KeyPolicyOutput: Decodable, Sendable {
        var policy: String?
        enum CodingKeys: String, CodingKey { case policy = "Policy" }
    }

    /// `kms:DescribeKey`: the key a key id, key ARN, alias name or alias ARN names.
    public func describeKey(id: String) async throws -> KeyMetadata {
        let output: DescribeKeyOutput = try await client.json(
            .describeKey, service: .kms, context: context, input: KeyIdInput(keyId: id))
        guard let metadata = output.keyMetadata else {
            throw AWSClientError(.malformedResponse, service: "kms", operation: "DescribeKey", message: "the answer has no KeyMetadata")
        }
        return metadata
    }

    /// `kms:GetKeyPolicy` of the key's one policy (`default`), as JSON text.
    public func keyPolicy(keyId: String) async throws -> String {
        let output: KeyPolicyOutput = try await client.json(
            .getKeyPolicy, service: .kms, context: context, input: KeyPolicyInput(keyId: keyId, policyName: "default"))
        guard let policy = output.policy else {
            throw AWSClientError(.malformedResponse, service: "kms", operation: "GetKeyPolicy", message: "the answer has no Policy")
        }
        return policy
    }
}
