import Foundation

extension SyntheticAWS {
    /// The deployment's API key secret, in us-east-1 of the variation's account.
    public func secretArn() -> String {
        "arn:aws:secretsmanager:us-east-1:\(organization.accountId(organization.variations.secret.account)):secret:c1ws/api-key-AbCdEf"
    }

    /// The KMS keys of the secret's account: the Trend key (the one `TrendKeyArn` names), another customer key, and
    /// the AWS managed key of Secrets Manager.
    public func keyArn(_ key: SyntheticVariations.Secret.Key) -> String {
        let account = organization.accountId(organization.variations.secret.account)
        return "arn:aws:kms:us-east-1:\(account):key/\(Self.keyIds[key] ?? "")"
    }

    static let keyIds: [SyntheticVariations.Secret.Key: String] = [
        .trend: "12345678-1234-1234-1234-123456789012", .other: "0ther000-1234-1234-1234-123456789012",
        .awsManaged: "aws00000-1234-1234-1234-123456789012",
    ]

    /// Secrets Manager's `DescribeSecret` and `GetResourcePolicy` of the API key secret.
    func secretsManager(_ request: SyntheticRequest) -> SyntheticResponse? {
        let secret = organization.variations.secret
        let arn = secretArn()
        guard !secret.missing, let id = request.jsonString("SecretId"), id == arn || id == "c1ws/api-key" else {
            return .error(service: "secretsmanager", status: 400, code: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret.")
        }
        switch request.operation {
        case "DescribeSecret":
            let key: String
            switch secret.key {
            case .trend: key = ",\"KmsKeyId\":\"\(keyArn(.trend))\""
            case .other: key = ",\"KmsKeyId\":\"\(keyArn(.other))\""
            case .awsManaged: key = ""
            }
            return .json(WireBytes(bytes: Array("{\"ARN\":\"\(arn)\",\"Name\":\"c1ws/api-key\"\(key),\"LastChangedDate\":\(Self.epoch(daysAgo: 10))}".utf8)))
        case "GetResourcePolicy":
            let policy = secret.resourcePolicy.map { ",\"ResourcePolicy\":\(Self.jsonString($0))" } ?? ""
            return .json(WireBytes(bytes: Array("{\"ARN\":\"\(arn)\",\"Name\":\"c1ws/api-key\"\(policy)}".utf8)))
        default:
            return nil
        }
    }

    /// KMS's `DescribeKey` (by key id, key ARN or the managed key's alias) and `GetKeyPolicy`.
    func kms(_ request: SyntheticRequest) -> SyntheticResponse? {
        let requested = request.jsonString("KeyId") ?? ""
        let found = Self.keyIds.first { key, id in
            requested == id || requested == keyArn(key) || (key == .awsManaged && requested == "alias/aws/secretsmanager")
        }?.key
        guard let key = found else {
            return .error(service: "kms", status: 400, code: "NotFoundException", message: "Key '\(requested)' does not exist")
        }
        let account = organization.accountId(organization.variations.secret.account)
        switch request.operation {
        case "DescribeKey":
            let manager = key == .awsManaged ? "AWS" : "CUSTOMER"
            return .json(WireBytes(bytes: Array("""
                {"KeyMetadata":{"AWSAccountId":"\(account)","KeyId":"\(Self.keyIds[key] ?? "")","Arn":"\(keyArn(key))",\
                "Enabled":true,"KeyState":"Enabled","KeyManager":"\(manager)","KeyUsage":"ENCRYPT_DECRYPT"}}
                """.utf8)))
        case "GetKeyPolicy":
            let policy: String
            switch key {
            case .trend: policy = organization.variations.secret.trendKeyPolicy ?? Self.defaultKeyPolicy(account: account)
            case .other: policy = Self.defaultKeyPolicy(account: account)
            case .awsManaged: policy = Self.managedKeyPolicy(account: account)
            }
            return .json(WireBytes(bytes: Array("{\"Policy\":\(Self.jsonString(policy)),\"PolicyName\":\"default\"}".utf8)))
        default:
            return nil
        }
    }

    /// KMS's default key policy: the account's IAM policies decide.
    static func defaultKeyPolicy(account: String) -> String {
        #"{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\#(account):root"},"Action":"kms:*","Resource":"*"}]}"#
    }

    /// The policy of Secrets Manager's AWS managed key: any principal of the account, through Secrets Manager.
    static func managedKeyPolicy(account: String) -> String {
        #"{"Version":"2012-10-17","Id":"auto-secretsmanager-2","Statement":[{"Sid":"Allow access through AWS Secrets Manager for all principals in the account that are authorized to use AWS Secrets Manager","Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:CreateGrant","kms:DescribeKey"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"\#(account)","kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}}]}"#
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
