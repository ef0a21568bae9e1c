import Testing

@testable import PreflightEngine

@Suite struct PolicyStatementTests {
    @Test func oneActionIsAStringAndSeveralAreAList() {
        #expect(PolicyStatement(Permission(action: "iam:CreateRole")).json
            == #"{"Effect": "Allow", "Action": "iam:CreateRole", "Resource": "*"}"#)
        #expect(PolicyStatement(actions: ["a:B", "c:D"], resource: "arn:aws:s3:::bucket/*").json
            == #"{"Effect": "Allow", "Action": ["a:B", "c:D"], "Resource": "arn:aws:s3:::bucket/*"}"#)
    }

    @Test func quotesAndControlCharactersAreEscaped() {
        #expect(PolicyStatement(actions: ["x:Y"], resource: "a\"b\\c\n").json
            == #"{"Effect": "Allow", "Action": "x:Y", "Resource": "a\"b\\c\u000a"}"#)
    }

    @Test func groupingKeepsOrderAndMergesByResource() {
        let statements = PolicyStatement.grouping([
            Permission(action: "s3:GetObject", resource: "arn:b"), Permission(action: "iam:CreateRole"),
            Permission(action: "s3:ListBucket", resource: "arn:b"), Permission(action: "iam:CreateRole"),
            Permission(action: "lambda:CreateFunction"),
        ])
        #expect(statements == [
            PolicyStatement(actions: ["s3:GetObject", "s3:ListBucket"], resource: "arn:b"),
            PolicyStatement(actions: ["iam:CreateRole", "lambda:CreateFunction"]),
        ])
    }

    @Test func documentIsAPolicyAsTheConsoleShowsIt() {
        let document = PolicyStatement.document([
            PolicyStatement(actions: ["a:B", "c:D"]), PolicyStatement(actions: ["e:F"], resource: "arn:x"),
        ])
        #expect(document == """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "a:B",
                    "c:D"
                  ],
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "e:F",
                  "Resource": "arn:x"
                }
              ]
            }
            """)
    }

    @Test func anAuditorErrorNamesTheStatementToAdd() throws {
        let rule = try #require(try RuleLoader().loadRuleSet(directory: ScenarioOrganization.rulesDirectory).rule(id: "ssm-agent"))
        let error = rule.error(
            AuditError(message: "access denied", missingPermission: "ssm:DescribeInstanceInformation"), account: "111111111111")
        #expect(error.status == .error)
        #expect(error.remediation?.contains(#"{"Effect": "Allow", "Action": "ssm:DescribeInstanceInformation", "Resource": "*"}"#) == true)
        #expect(rule.error(AuditError(message: "timed out")).remediation == nil)
    }

    @Test func permissionRulesListWhatThePrincipalNeeds() throws {
        let set = try RuleLoader().loadRuleSet(directory: ScenarioOrganization.rulesDirectory)
        let deployer = try #require(set.rule(id: "deployer-permissions")).requiredPermissions
        #expect(deployer.count == 25)
        #expect(deployer.contains(Permission(action: "s3:GetObject", resource: "arn:${AWS::Partition}:s3:::${TrendStagingS3Bucket}/*")))
        #expect(deployer.contains(Permission(action: "cloudformation:CreateStackSet")))
        let lambda = try #require(set.rule(id: "lambda-permissions")).requiredPermissions
        #expect(lambda.first == Permission(action: "secretsmanager:GetSecretValue", resource: "${CloudOneApiKeySecret}"))
        #expect(try #require(set.rule(id: "ssm-agent")).requiredPermissions.isEmpty)
    }
}
