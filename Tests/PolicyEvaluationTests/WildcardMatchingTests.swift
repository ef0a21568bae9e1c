import PolicyEvaluation
import Testing

/// Actions match case-insensitively and resources case-sensitively, with `*` and `?` crossing `:` and `/`.
@Suite struct WildcardMatchingTests {
    static func allows(action pattern: String, resource: String = "*", request: RequestContext) throws -> Bool {
        let identity = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "\(pattern)", "Resource": "\(resource)"}}
            """)
        return PolicyEvaluator.evaluate(PolicySet(identity: [identity]), request).decision == .allowed
    }

    @Test(arguments: [
        ("s3:Get*", "s3:GetObject", true), ("s3:Get*", "S3:getobject", true), ("S3:GET*", "s3:GetBucketPolicy", true),
        ("s3:Get*", "s3:PutObject", false), ("ec2:Describe?nstances", "ec2:DescribeInstances", true),
        ("ec2:Describe?nstances", "ec2:DescribeXXnstances", false), ("*", "ssm:PutParameter", true),
        ("ssm:*Parameter", "ssm:PutParameter", true), ("ssm:*Parameter", "ssm:PutParameters", false),
        ("ssm:PutParameter", "ssm:PutParameter", true), ("ssm:PutParameter", "ssm:PutParameterX", false),
        ("s*:*Object", "s3:GetObject", true), ("*:*", "iam:ListRoles", true),
    ])
    func actionsMatchCaseInsensitivelyWithWildcards(_ pattern: String, _ action: String, _ expected: Bool) throws {
        #expect(try Self.allows(action: pattern, request: RequestContext(action: action)) == expected)
    }

    @Test(arguments: [
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a", false),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false),
        ("arn:aws:iam::*:role/stacksets-exec-*", "arn:aws:iam::111111111111:role/stacksets-exec-abc", true),
        ("arn:aws:iam::*:role/stacksets-exec-*", "arn:aws:iam::111111111111:role/Stacksets-exec-abc", false),
        ("arn:aws:ssm:*", "arn:aws:ssm:eu-west-1:111111111111:parameter/a/b", true),
        ("arn:aws:ssm:*:parameter/a", "arn:aws:ssm:eu-west-1:111111111111:parameter/a", true),
        ("arn:aws:ssm:??-west-1:*", "arn:aws:ssm:eu-west-1:111111111111:parameter/a", true),
        ("arn:aws:ssm:?-west-1:*", "arn:aws:ssm:eu-west-1:111111111111:parameter/a", false),
        ("*", "arn:aws:ssm:eu-west-1:111111111111:parameter/a", true),
        ("*", "*", true),
        ("arn:aws:s3:::bucket", "*", false),
    ])
    func resourcesMatchCaseSensitivelyAcrossSegments(_ pattern: String, _ resource: String, _ expected: Bool) throws {
        let request = RequestContext(action: "s3:GetObject", resource: resource)
        #expect(try Self.allows(action: "s3:GetObject", resource: pattern, request: request) == expected)
    }

    @Test func notActionAndNotResourceCoverEverythingElse() throws {
        let identity = try PolicyFixtures.policy(
            """
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*",
             "NotResource": "arn:aws:s3:::secret/*"}}
            """)
        func decide(_ action: String, _ resource: String) -> Decision {
            PolicyEvaluator.evaluate(
                PolicySet(identity: [identity]), RequestContext(action: action, resource: resource)
            )
            .decision
        }
        #expect(decide("s3:GetObject", "arn:aws:s3:::public/a") == .allowed)
        #expect(decide("IAM:CreateRole", "arn:aws:s3:::public/a") == .implicitDeny)
        #expect(decide("s3:GetObject", "arn:aws:s3:::secret/a") == .implicitDeny)
    }
}
