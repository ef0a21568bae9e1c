import AWSCore
import Foundation

/// AWS Secrets Manager: metadata of the Cloud One API key secret, never its value.
public struct SecretsManager: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// A secret's metadata.
    public struct Secret: Decodable, Sendable, Equatable {
        public var ARN: String?
        public var Name: String?
        public var KmsKeyId: String?
        public var DeletedDate: Date?
    }

    struct Input: Encodable, Sendable { var SecretId: String }

    /// `secretsmanager:DescribeSecret`.
    public func describeSecret(id: String) async throws -> Secret {
        try await client.json(.describeSecret, service: .secretsManager, context: context, input: Input(SecretId: id))
    }
}
