import PolicyEvaluation
import Testing

/// AWS Control Tower's region-deny SCP (GRREGIONDENY) against the StackSet execution role in a member account.
@Suite struct ControlTowerRegionDenyTests {
    static let executionRole = "arn:aws:iam::111111111111:role/stacksets-exec-0123456789abcdef0123456789abcdef"
    static let controlTowerExemptions = [
        "arn:aws:iam::*:role/AWSControlTowerExecution", "arn:aws:iam::*:role/aws-controltower-ConfigRecorderRole",
        "arn:aws:iam::*:role/aws-controltower-ForwardSnsNotificationRole",
        "arn:aws:iam::*:role/AWSControlTower_VPCFlowLogsRole",
    ]
    static let globalServices = [
        "a4b:*", "access-analyzer:*", "account:*", "acm:*", "activate:*", "artifact:*", "aws-marketplace-management:*",
        "aws-marketplace:*", "aws-portal:*", "billing:*", "billingconductor:*", "budgets:*", "ce:*", "chatbot:*",
        "chime:*", "cloudfront:*", "config:*", "cur:*", "datapipeline:GetAccountLimits", "devicefarm:*",
        "directconnect:*", "ec2:DescribeRegions", "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways",
        "ecr-public:*", "fms:*", "globalaccelerator:*", "health:*", "iam:*", "importexport:*", "kms:*",
        "mobileanalytics:*", "networkmanager:*", "organizations:*", "pricing:*", "route53:*", "route53domains:*",
        "route53-recovery-cluster:*", "route53-recovery-control-config:*", "route53-recovery-readiness:*",
        "s3:GetAccountPublicAccessBlock", "s3:ListAllMyBuckets", "s3:ListMultiRegionAccessPoints",
        "s3:PutAccountPublicAccessBlock", "shield:*", "sts:*", "support:*", "trustedadvisor:*", "waf-regional:*",
        "waf:*", "wafv2:*",
    ]

    static func json(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// The SCP as Control Tower writes it (note its `aws:PrincipalARN` spelling), governing two regions.
    static func regionDeny(exempting exemptions: [String] = controlTowerExemptions) throws -> NamedPolicy {
        try PolicyFixtures.policy(
            """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "GRREGIONDENY",
                  "Effect": "Deny",
                  "NotAction": \(json(globalServices)),
                  "Resource": "*",
                  "Condition": {
                    "StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"]},
                    "ArnNotLike": {"aws:PrincipalARN": \(json(exemptions))}
                  }
                }
              ]
            }
            """, id: "p-regiondeny", name: "aws-guardrails-RegionDeny")
    }

    static func levels(_ scp: NamedPolicy) -> [[NamedPolicy]] {
        [[PolicyFixtures.fullAWSAccess], [PolicyFixtures.fullAWSAccess, scp], [PolicyFixtures.fullAWSAccess]]
    }

    static func putParameter(in region: String, by principal: String = executionRole) -> RequestContext {
        RequestContext(
            action: "ssm:PutParameter", resource: "arn:aws:ssm:\(region):111111111111:parameter/preflight/x",
            principalArn: principal, keys: ["aws:RequestedRegion": [region]])
    }

    @Test func deniesPutParameterOutsideTheAllowedRegions() throws {
        let evaluation = PolicyEvaluator.evaluateSCPs(
            Self.levels(try Self.regionDeny()), Self.putParameter(in: "eu-central-1"))
        #expect(evaluation.decision == .explicitDeny)
        #expect(
            evaluation.denyingStatements == [
                MatchedStatement(
                    policyId: "p-regiondeny", policyName: "aws-guardrails-RegionDeny", sid: "GRREGIONDENY", index: 0)
            ])
    }

    @Test func allowsPutParameterInAnAllowedRegion() throws {
        let evaluation = PolicyEvaluator.evaluateSCPs(
            Self.levels(try Self.regionDeny()), Self.putParameter(in: "us-west-2"))
        #expect(evaluation.decision == .allowed)
        #expect(evaluation.denyingStatements.isEmpty)
        #expect(evaluation.allowingStatements.count == 3)
    }

    @Test func allowsPutParameterWhenTheExecutionRoleIsExempted() throws {
        let scp = try Self.regionDeny(exempting: Self.controlTowerExemptions + ["arn:aws:iam::*:role/stacksets-exec-*"])
        #expect(
            PolicyEvaluator.evaluateSCPs(Self.levels(scp), Self.putParameter(in: "eu-central-1")).decision == .allowed)
    }

    @Test func exemptsControlTowerRolesAndGlobalServices() throws {
        let levels = Self.levels(try Self.regionDeny())
        let controlTower = Self.putParameter(
            in: "eu-central-1", by: "arn:aws:iam::111111111111:role/AWSControlTowerExecution")
        #expect(PolicyEvaluator.evaluateSCPs(levels, controlTower).decision == .allowed)
        let iam = RequestContext(
            action: "iam:CreateRole", resource: "arn:aws:iam::111111111111:role/x", principalArn: Self.executionRole,
            keys: ["aws:RequestedRegion": ["eu-central-1"]])
        #expect(PolicyEvaluator.evaluateSCPs(levels, iam).decision == .allowed)
    }

    @Test func anUnknownRegionIsUnknownAndAnAbsentOneIsDenied() throws {
        let levels = Self.levels(try Self.regionDeny())
        var unknown = Self.putParameter(in: "eu-central-1")
        unknown.keys = [:]
        unknown.unknownKeys = ["aws:RequestedRegion"]
        #expect(
            PolicyEvaluator.evaluateSCPs(levels, unknown).decision
                == .unknown(
                    "policy \"aws-guardrails-RegionDeny\" (p-regiondeny) statement 0 (Sid \"GRREGIONDENY\"): "
                        + "the value of aws:RequestedRegion is not known"))
        var absent = unknown
        absent.unknownKeys = []
        #expect(PolicyEvaluator.evaluateSCPs(levels, absent).decision == .explicitDeny)
    }

    @Test func fullAWSAccessAtEveryLevelAllowsAndNoneAtALevelDenies() throws {
        let full = PolicyFixtures.fullAWSAccess
        let request = Self.putParameter(in: "eu-central-1")
        let allowed = PolicyEvaluator.evaluateSCPs([[full], [full], [full]], request)
        #expect(allowed.decision == .allowed)
        #expect(allowed.notAllowedAtLevel == nil)
        let missing = PolicyEvaluator.evaluateSCPs([[full], [full], []], request)
        #expect(missing.decision == .implicitDeny)
        #expect(missing.notAllowedAtLevel == 2)
    }
}
