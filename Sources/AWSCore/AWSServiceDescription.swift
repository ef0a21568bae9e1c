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
    }

    /// The endpoint prefix and SigV4 signing name, e.g. `iam`, `ssm`.
    public var signingName: String
    /// The SDK service id used by `AWS_ENDPOINT_URL_<ID>`, e.g. `IAM`, `SECRETS_MANAGER`.
    public var endpointEnvironmentId: String
    public var wireProtocol: WireProtocol
    /// Global services are served from one endpoint per partition and signed for that partition's home region.
    public var isGlobal: Bool

    public init(signingName: String, endpointEnvironmentId: String, wireProtocol: WireProtocol, isGlobal: Bool = false) {
        self.signingName = signingName
        self.endpointEnvironmentId = endpointEnvironmentId
        self.wireProtocol = wireProtocol
        self.isGlobal = isGlobal
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
}
