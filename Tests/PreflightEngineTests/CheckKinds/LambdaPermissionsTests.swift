import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `lambda-permissions`: the template's policies before deployment, the deployed role after.
@Suite struct LambdaPermissionsTests {
    static let parameters: KeyValuePairs<String, String> = [
        "CloudOneApiKeySecret": "arn:aws:secretsmanager:us-east-1:100000000000:secret:c1ws-api-key",
        "TrendKeyArn": "arn:aws:kms:us-east-1:100000000000:key/12345678-1234-1234-1234-123456789012",
    ]
    static let deployedRole = "arn:aws:iam::100000000000:role/ABI-TM-SSM-GetWorkloadSecurityA-LambdaExecutionRole-BENCH00000001"

    @Test func skipsPermissionsWhoseResourceNeedsAParameter() async throws {
        let results = try await CheckKindHarness(state: .pre).run("lambda-permissions")
        #expect(results.count == 7)
        #expect(results.with(.skip).map(\.resource) == ["secretsmanager:GetSecretValue", "kms:Decrypt"])
        #expect(results.with(.skip)[0].message.contains("needs parameter CloudOneApiKeySecret"))
        #expect(results.with(.pass).count == 5)
        #expect(results.with(.pass).allSatisfy { $0.evidence["principalArn"] == "template:LambdaExecutionRole" })
    }

    @Test func simulatesTheTemplatePoliciesBeforeDeployment() async throws {
        var variations = SyntheticVariations()
        variations.decisions = ["kms:Decrypt": .implicitDeny]
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.parameters = .file(Self.parameters)
        let results = try await harness.run("lambda-permissions")
        #expect(results.with(.pass).count == 6)
        let denied = try #require(results.with(.fail).first)
        #expect(denied.resource == "kms:Decrypt")
        #expect(denied.evidence["resource"] == "arn:aws:kms:us-east-1:100000000000:key/12345678-1234-1234-1234-123456789012")
        #expect(denied.remediation?.hasPrefix("Add to the template's LambdaExecutionRole policy") == true)
        let secret = try #require(results.first { $0.resource == "secretsmanager:GetSecretValue" })
        #expect(secret.status == .pass)
    }

    @Test func simulatesTheDeployedRoleAfterDeployment() async throws {
        var variations = SyntheticVariations()
        variations.decisions = ["organizations:ListRoots": .deniedBySCP]
        var harness = CheckKindHarness(variations: variations)
        harness.parameters = .file(Self.parameters)
        let results = try await harness.run("lambda-permissions")
        #expect(results.count == 7)
        #expect(results.allSatisfy { $0.evidence["principalArn"] == .string(Self.deployedRole) })
        #expect(results.with(.fail).map(\.resource) == ["organizations:ListRoots"])
        #expect(results.with(.fail)[0].evidence["deniedBy"] == .array(["scp"]))
    }

    @Test func errorsEveryPermissionWhenTheDeployedRoleCannotBeFound() async throws {
        var harness = CheckKindHarness(state: .pre)
        harness.phase = .post
        let results = try await harness.run("lambda-permissions")
        #expect(results.count == 7)
        #expect(results.allSatisfy { $0.status == .error && $0.message.contains("ABI-TM-SSM does not exist") })
    }

    @Test func errorsWhenTheCustomPolicySimulationIsDenied() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("iam:SimulateCustomPolicy")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("lambda-permissions")
        #expect(results.with(.error).count == 5)
        #expect(results.with(.error).allSatisfy { $0.evidence["missingPermission"] == "iam:SimulateCustomPolicy" })
        #expect(results.with(.skip).count == 2)
    }
}
