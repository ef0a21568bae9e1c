/// What the client needs to know about a service to address, sign and encode a request for it.
public struct AWSServiceDescription: Sendable, Hashable {
    /// Wire protocol of a service.
    public enum WireProtocol: Sendable, Hashable {
        /// AWS query: form-encoded POST with `Action` and `Version`, XML answers wrapped in `<OpResult>`.
        case query(apiVersion: String)
        /// EC2's query dialect: list parameters without `.member`, XML answers without a result wrapper.
        case ec2(apiVersion: String)
        /// JSON 1.1 with the `X-Amz-Target: prefix.Operation` header.
        case json(targetPrefix: String)
        /// REST with XML answers (S3): the operation is the method, path and query; errors are `<Error>` documents,
        /// or only a status code when the answer has no body (HEAD).
        case restXML
        /// REST with JSON bodies and answers.
        case restJSON
    }

    /// How a request's path is signed.
    public enum PathSigning: Sendable, Hashable {
        /// Normalised and URI-encoded again for the canonical request (every service but S3).
        case standard
        /// As sent, and with a signed `x-amz-content-sha256` header: S3's rules, under which `a//b` stays `a//b`.
        case s3
    }

    /// The endpoint prefix and SigV4 signing name, e.g. `iam`, `ssm`.
    public var signingName: String
    /// The SDK service id used by `AWS_ENDPOINT_URL_<ID>`, e.g. `IAM`, `SECRETS_MANAGER`.
    public var endpointEnvironmentId: String
    public var wireProtocol: WireProtocol
    /// Global services are served from one endpoint per partition and signed for that partition's home region.
    public var isGlobal: Bool
    public var pathSigning: PathSigning

    public init(
        signingName: String, endpointEnvironmentId: String, wireProtocol: WireProtocol, isGlobal: Bool = false,
        pathSigning: PathSigning = .standard
    ) {
        self.signingName = signingName
        self.endpointEnvironmentId = endpointEnvironmentId
        self.wireProtocol = wireProtocol
        self.isGlobal = isGlobal
        self.pathSigning = pathSigning
    }
}

extension AWSServiceDescription {
    public static let sts = Self(signingName: "sts", endpointEnvironmentId: "STS", wireProtocol: .query(apiVersion: "2011-06-15"))
    public static let iam = Self(
        signingName: "iam", endpointEnvironmentId: "IAM", wireProtocol: .query(apiVersion: "2010-05-08"), isGlobal: true)
    public static let organizations = Self(
        signingName: "organizations", endpointEnvironmentId: "ORGANIZATIONS",
        wireProtocol: .json(targetPrefix: "AWSOrganizationsV20161128"), isGlobal: true)
    public static let ec2 = Self(signingName: "ec2", endpointEnvironmentId: "EC2", wireProtocol: .ec2(apiVersion: "2016-11-15"))
    public static let ssm = Self(signingName: "ssm", endpointEnvironmentId: "SSM", wireProtocol: .json(targetPrefix: "AmazonSSM"))
    public static let cloudFormation = Self(
        signingName: "cloudformation", endpointEnvironmentId: "CLOUDFORMATION", wireProtocol: .query(apiVersion: "2010-05-15"))
    public static let secretsManager = Self(
        signingName: "secretsmanager", endpointEnvironmentId: "SECRETS_MANAGER", wireProtocol: .json(targetPrefix: "secretsmanager"))
    public static let kms = Self(signingName: "kms", endpointEnvironmentId: "KMS", wireProtocol: .json(targetPrefix: "TrentService"))
    public static let s3 = Self(signingName: "s3", endpointEnvironmentId: "S3", wireProtocol: .restXML, pathSigning: .s3)
    public static let serviceQuotas = Self(
        signingName: "servicequotas", endpointEnvironmentId: "SERVICE_QUOTAS",
        wireProtocol: .json(targetPrefix: "ServiceQuotasV20190624"))
    public static let account = Self(
        signingName: "account", endpointEnvironmentId: "ACCOUNT", wireProtocol: .restJSON, isGlobal: true)
}
