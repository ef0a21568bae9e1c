import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `lambda-secret-access`: the secret's resource policy, the key policy and the RCPs, evaluated locally for the
/// Lambda role, with the simulator checking the identity policies.
@Suite struct LambdaSecretAccessTests {
    static let trendKey = "arn:aws:kms:us-east-1:100000000000:key/12345678-1234-1234-1234-123456789012"

    /// A harness before deployment with the secret and key of `variations`' secret account as parameters.
    static func harness(_ variations: SyntheticVariations = SyntheticVariations(), phase: Phase = .pre) -> CheckKindHarness {
        var harness = CheckKindHarness(state: phase == .pre ? .pre : .post, variations: variations)
        let aws = SyntheticAWS(organization: harness.organization)
        harness.parameters = .file(["CloudOneApiKeySecret": aws.secretArn(), "TrendKeyArn": aws.keyArn(.trend)])
        return harness
    }

    @Test func skipsWithoutTheSecretParameter() async throws {
        let results = try await CheckKindHarness(state: .pre).run("lambda-secret-access")
        #expect(results.map(\.status) == [.skip], "\(results.map(\.message))")
        #expect(results[0].message.contains("needs parameter CloudOneApiKeySecret, TrendKeyArn"))
    }

    @Test func passesTheTemplateRoleOnTheTrendKeyWithTheDefaultKeyPolicy() async throws {
        let results = try await Self.harness().run("lambda-secret-access")
        #expect(results.map(\.status) == [.pass, .pass], "\(results.map(\.message))")
        #expect(results.map(\.resource) == ["arn:aws:secretsmanager:us-east-1:100000000000:secret:c1ws/api-key-AbCdEf", Self.trendKey])
        #expect(results.allSatisfy { $0.evidence["evaluatedBy"] == "local" && $0.evidence["identityEvaluatedBy"] == "local" })
        #expect(results[0].evidence["principalArn"] == "arn:aws:iam::100000000000:role/ABI-TM-SSM-LambdaExecutionRole-000000000000")
        #expect(results.allSatisfy { $0.evidence["crossChecked"] == .bool(true) })
    }

    /// Without the simulator the local evaluation stands alone, and says it was not cross-checked.
    @Test func theLocalDecisionStandsWhenTheSimulatorCannotBeAsked() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("iam:SimulateCustomPolicy")]
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.pass, .pass], "\(results.map(\.message))")
        #expect(results.allSatisfy { $0.evidence["crossChecked"] == .bool(false) })
    }

    @Test func failsADenyInTheSecretsResourcePolicy() async throws {
        var variations = SyntheticVariations()
        variations.secret.resourcePolicy = #"""
            {"Version":"2012-10-17","Statement":[{"Sid":"DenyOutsideBreakGlass","Effect":"Deny","Principal":"*",
             "Action":"secretsmanager:GetSecretValue","Resource":"*",
             "Condition":{"StringNotEquals":{"aws:PrincipalAccount":"999999999999"}}}]}
            """#
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.fail, .pass], "\(results.map(\.message))")
        let denied = results[0]
        #expect(denied.evidence["policyType"] == "secret-resource-policy")
        #expect(denied.evidence["policyArn"] == .string(SyntheticAWS(organization: Self.harness().organization).secretArn()))
        #expect(denied.evidence["statementSid"] == "DenyOutsideBreakGlass")
        #expect(denied.message.contains("the secret's resource policy (statement DenyOutsideBreakGlass) denies secretsmanager:GetSecretValue"))
    }

    @Test func aResourcePolicyNamingOnlyTheAccountDoesNotBreakAnything() async throws {
        var variations = SyntheticVariations()
        variations.secret.resourcePolicy = #"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::100000000000:root"},
             "Action":"secretsmanager:GetSecretValue","Resource":"*"}]}
            """#
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.pass, .pass], "\(results.map(\.message))")
    }

    @Test func failsASecretEncryptedWithAnotherKeyThanTrendKeyArn() async throws {
        var variations = SyntheticVariations()
        variations.secret.key = .other
        // The simulator, given the template's policy, denies the other key as the local evaluator does.
        variations.decisions = ["kms:Decrypt": .implicitDeny]
        let results = try await Self.harness(variations).run("lambda-secret-access")
        try #require(results.map(\.status) == [.pass, .fail], "\(results.map(\.message))")
        let denied = results[1]
        #expect(denied.evidence["policyType"] == "identity")
        #expect(denied.message.contains("not TrendKeyArn \(Self.trendKey)"))
        #expect(denied.remediation?.contains("Encrypt the secret with TrendKeyArn") == true)
    }

    @Test func passesTheAWSManagedKeyWhosePolicyAllowsThroughSecretsManager() async throws {
        var variations = SyntheticVariations()
        variations.secret.key = .awsManaged
        variations.decisions = ["kms:Decrypt": .implicitDeny]
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.pass, .pass], "\(results.map(\.message))")
        #expect(results[1].message.contains("not TrendKeyArn"))
    }

    @Test func failsAKeyPolicyWithoutIAMDelegation() async throws {
        var variations = SyntheticVariations()
        variations.secret.trendKeyPolicy = #"""
            {"Version":"2012-10-17","Statement":[{"Sid":"KeyAdmins","Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::100000000000:role/KeyAdmin"},"Action":"kms:*","Resource":"*"}]}
            """#
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.pass, .fail], "\(results.map(\.message))")
        #expect(results[1].evidence["policyType"] == "key-policy")
        #expect(results[1].evidence["policyArn"] == .string(Self.trendKey))
        #expect(results[1].message.contains("neither names the role nor delegates to IAM (no arn:aws:iam::100000000000:root statement)"))
    }

    @Test func failsAMissingSecret() async throws {
        var variations = SyntheticVariations()
        variations.secret.missing = true
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.fail], "\(results.map(\.message))")
        #expect(results[0].message.contains("does not exist"))
    }

    @Test func errorsWhenTheSecretCannotBeDescribed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("secretsmanager:DescribeSecret")]
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.error], "\(results.map(\.message))")
        #expect(results[0].evidence["missingPermission"] == "secretsmanager:DescribeSecret")
    }

    /// In a delegated administrator (a member account), an RCP that denies the role blocks the secret and the key;
    /// the management account's resources are exempt, so its RCPs are not even read.
    @Test func failsAnRCPThatDeniesTheRoleInADelegatedAdministrator() async throws {
        var variations = SyntheticVariations()
        variations.secret.account = 1
        variations.resourceControlPolicies = [.init(
            name: "SecretsPerimeter",
            content: #"""
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyUnapprovedReaders","Effect":"Deny","Principal":"*",
                 "Action":["secretsmanager:GetSecretValue","kms:Decrypt"],"Resource":"*",
                 "Condition":{"ArnNotLikeIfExists":{"aws:PrincipalArn":"arn:aws:iam::*:role/approved-*"}}}]}
                """#,
            targets: [.account(1)])]
        var harness = Self.harness(variations)
        let role = "arn:aws:iam::\(harness.id(1)):role/c1ws-lambda"
        harness.configure = { $0.lambdaRoleArn = role }
        let results = try await harness.run("lambda-secret-access")
        #expect(results.map(\.status) == [.fail, .fail], "\(results.map(\.message))")
        #expect(results.allSatisfy { $0.evidence["policyType"] == "rcp" && $0.evidence["statementSid"] == "DenyUnapprovedReaders" })
        #expect(results[0].evidence["policyArn"] == "arn:aws:organizations::100000000000:policy/o-bench00001/resource_control_policy/p-rc000001")
        #expect(results.allSatisfy { $0.evidence["identityEvaluatedBy"] == "simulator" })

        variations.secret.account = 0
        var management = Self.harness(variations)
        management.configure = { $0.lambdaRoleArn = "arn:aws:iam::100000000000:role/c1ws-lambda" }
        #expect(try await management.run("lambda-secret-access").map(\.status) == [.pass, .pass])
    }

    @Test func aDisagreementBetweenTheSimulatorAndTheLocalEvaluatorIsAnError() async throws {
        var variations = SyntheticVariations()
        variations.decisions = ["secretsmanager:GetSecretValue": .implicitDeny]
        let results = try await Self.harness(variations).run("lambda-secret-access")
        #expect(results.map(\.status) == [.error, .pass], "\(results.map(\.message))")
        #expect(results[0].message.contains("the IAM simulator (implicitDeny) and the local evaluator (allowed) disagree"))
        #expect(results[0].evidence["evaluatedBy"] == .array(["simulator", "local"]))
    }

    @Test func theDeployedRolesIdentityIsTheSimulatorsAfterDeployment() async throws {
        var variations = SyntheticVariations()
        variations.decisions = ["kms:Decrypt": .implicitDeny]
        let results = try await Self.harness(variations, phase: .post).run("lambda-secret-access")
        #expect(results.map(\.status) == [.pass, .fail], "\(results.map(\.message))")
        #expect(results.allSatisfy { $0.evidence["identityEvaluatedBy"] == "simulator" })
        #expect(results[1].evidence["principalArn"] == .string(LambdaPermissionsTests.deployedRole))
        #expect(results[1].evidence["policyType"] == "identity")
    }
}
