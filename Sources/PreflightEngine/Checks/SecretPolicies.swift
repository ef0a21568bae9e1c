import AWSCore
import AWSServices

/// What AWS decides the Lambda's access to the API key with, besides the role's own policies: the secret, the key
/// that encrypts it and their policies, read once (never the secret's value).
struct SecretPolicies: Sendable {
    /// The key Secrets Manager uses when the secret names none.
    static let defaultKey = "alias/aws/secretsmanager"

    var secret: SecretsManager.SecretDescription
    /// The secret's resource policy (JSON); nil when it has none.
    var secretPolicy: String?
    var key: KMS.KeyMetadata
    /// The key policy (JSON).
    var keyPolicy: String
    var region: Region

    /// Read in the secret's account: with the caller's credentials there, else with the member role's (a
    /// delegated administrator's secret, audited from the management account).
    ///
    /// - Throws: `AuditError` with code `ResourceNotFoundException` when the secret does not exist.
    static func read(
        secretId: String, account: AccountID, region: Region, context: AuditContext
    ) async throws(AuditError) -> SecretPolicies {
        let callContext = context.calls.context(credentials: try await context.principals.credentials(account: account), region: region)
        let secrets = SecretsManager(client: context.calls.client, context: callContext)
        let kms = KMS(client: context.calls.client, context: callContext)
        let secret = try await context.calls.call("secretsmanager:DescribeSecret") { try await secrets.describeSecret(id: secretId) }
        let policy = try await context.calls.call("secretsmanager:GetResourcePolicy") {
            try await secrets.resourcePolicy(id: secret.arn)
        }
        let key = try await context.calls.call("kms:DescribeKey") { try await kms.describeKey(id: secret.kmsKeyId ?? defaultKey) }
        let keyPolicy = try await context.calls.call("kms:GetKeyPolicy") { try await kms.keyPolicy(keyId: key.arn) }
        return SecretPolicies(secret: secret, secretPolicy: policy, key: key, keyPolicy: keyPolicy, region: region)
    }

    /// Whether the secret is encrypted with `trendKey` (given as the key's ARN or id).
    func isEncrypted(with trendKey: String) -> Bool {
        key.arn == trendKey || key.keyId == trendKey || key.keyId.map { trendKey.hasSuffix(":key/\($0)") } == true
    }
}
