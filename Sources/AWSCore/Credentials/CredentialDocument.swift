import Foundation

/// The JSON credentials document that the container endpoint and IMDS serve:
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` (ISO 8601).
enum CredentialDocument {
    static func object(_ text: String) -> [String: Any]? {
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func credentials(from object: [String: Any], provider: String) throws -> AWSCredentials {
        guard let accessKeyId = object["AccessKeyId"] as? String,
            let secretAccessKey = object["SecretAccessKey"] as? String
        else {
            throw CredentialProviderError(
                .invalid,
                provider: provider,
                message: "response lacks AccessKeyId or SecretAccessKey"
            )
        }
        var expiration: Date?
        if let text = object["Expiration"] as? String {
            guard let date = CredentialTimestamp.parse(text) else {
                throw CredentialProviderError(
                    .invalid,
                    provider: provider,
                    message: "response has an invalid Expiration"
                )
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: object["Token"] as? String,
            expiration: expiration
        )
    }
}
