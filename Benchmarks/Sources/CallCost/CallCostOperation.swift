import AWSCore
import AWSServices

/// One operation as Preflight calls it in a member account's region of the generated organization.
struct CallCostOperation: Sendable {
    var name: String
    /// Calls of this operation in a 1,000 accounts x 16 regions x 20 instances `pre` run (scripts/bench-org).
    var preCalls: Int
    var call: @Sendable (AWSClient) async throws -> Void

    /// The member account `100000000001`, as BenchEndpoint serves calls signed with its assumed-role key.
    static let member = AWSCallContext(
        region: "us-east-1",
        credentials: StaticCredentialProvider(AWSCredentials(
            accessKeyId: "ASIA100000000001BNCH", secretAccessKey: "bench-secret", sessionToken: "bench-session-token")),
        rateLimitKey: "100000000001/us-east-1")

    static let all: [CallCostOperation] = [
        CallCostOperation(name: "ec2:DescribeInstances", preCalls: 16_000) {
            _ = try await EC2(client: $0, context: member).describeInstances(states: ["running"])
        },
        CallCostOperation(name: "ssm:DescribeInstanceInformation", preCalls: 15_984) {
            _ = try await SSM(client: $0, context: member).describeInstanceInformation()
        },
        CallCostOperation(name: "ssm:GetParameters", preCalls: 15_984) {
            _ = try await SSM(client: $0, context: member).getParameters(
                names: ["dsActivationUrl", "dsManagerUrl", "dsTenantId", "dsToken"])
        },
        CallCostOperation(name: "ssm:ListAssociations", preCalls: 15_984) {
            _ = try await SSM(client: $0, context: member).listAssociations(named: "TrendCloudOneWorkloadSecurityAssociation")
        },
        CallCostOperation(name: "ec2:DescribeRegions", preCalls: 1_000) {
            _ = try await EC2(client: $0, context: member).describeRegions()
        },
        CallCostOperation(name: "sts:AssumeRole", preCalls: 999) {
            _ = try await STS(client: $0, context: member).assumeRole(
                roleArn: "arn:aws:iam::100000000002:role/PreflightAudit", sessionName: "preflight")
        },
    ]
}
