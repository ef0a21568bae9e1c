import AWSCore
import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `deployment-staging`: the nested templates (AWS's `aws-abi` bucket, us-east-1) and the Lambda package
/// (`c1ws-staging`, us-east-1) of the synthetic organization, under the templates' default prefix, whose `//` is
/// part of the key.
@Suite struct DeploymentStagingTests {
    static let template = "s3://aws-abi/cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml"
    static let orgsTemplate = "s3://aws-abi/cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/c1ws-ssm-orgs.template.yaml"
    static let package = "s3://c1ws-staging/cfn-abi-trend-cloudone//lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip"

    static func harness(_ values: KeyValuePairs<String, String> = ["TrendStagingS3Bucket": "c1ws-staging"]) -> CheckKindHarness {
        var harness = CheckKindHarness(state: .pre)
        harness.parameters = .file(values)
        return harness
    }

    @Test func passesWhenEveryObjectIsStagedAndReadable() async throws {
        let results = try await Self.harness().run("deployment-staging")
        #expect(results.statuses == [.pass, .pass, .pass])
        #expect(results.map(\.resource) == [Self.template, Self.orgsTemplate, Self.package])
        #expect(results[0].evidence["key"] == "cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml")
        #expect(results[2].evidence["region"] == "us-east-1")
        #expect(results[2].evidence["evaluatedBy"] == "simulator")
        #expect(results[2].evidence["action"] == "s3:GetObject")
        #expect(results[2].evidence["resource"] == "arn:aws:s3:::c1ws-staging/cfn-abi-trend-cloudone//lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip")
    }

    /// `TrendStagingS3Bucket` has no default: without it the package cannot be named, which is a skip, not a pass.
    @Test func skipsThePackageWithoutItsBucket() async throws {
        let results = try await Self.harness([:]).run("deployment-staging")
        #expect(results.statuses == [.pass, .pass, .skip])
        #expect(results[2].message.contains("needs parameter TrendStagingS3Bucket"))
    }

    /// A prefix without the trailing slash names other keys: nothing is normalised, so they are missing.
    @Test func failsObjectsMissingAtTheKeysTheTemplatesJoin() async throws {
        let results = try await Self.harness(["TrendStagingS3Bucket": "c1ws-staging", "QSS3KeyPrefix": "cfn-abi-trend-cloudone"])
            .run("deployment-staging")
        #expect(results.statuses == [.fail, .fail, .fail])
        #expect(results[0].resource == "s3://aws-abi/cfn-abi-trend-cloudone/templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml")
        #expect(results[0].message.contains("does not exist in us-east-1"))
        #expect(results[0].evidence["exists"] == .bool(false))
    }

    /// Lambda reads code only from its own region: a package bucket elsewhere fails before deployment.
    @Test func failsAPackageBucketOutsideTheStacksRegion() async throws {
        var harness = Self.harness()
        harness.configure = { $0.homeRegion = "us-east-2" }
        let results = try await harness.run("deployment-staging")
        #expect(results.statuses == [.pass, .pass, .fail])
        #expect(results[2].message.contains("is in us-east-1, not in the stack's region us-east-2"))
        #expect(results[2].evidence["bucketRegion"] == "us-east-1")
    }

    @Test func failsAnObjectTheDeployerMayNotRead() async throws {
        var variations = SyntheticVariations()
        variations.decisions["s3:GetObject"] = .explicitDeny
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.parameters = .file(["TrendStagingS3Bucket": "c1ws-staging"])
        let results = try await harness.run("deployment-staging")
        #expect(results.statuses == [.fail, .fail, .fail])
        #expect(results[2].resource == Self.package)
        #expect(results[2].evidence["decision"] == "explicitDeny")
        #expect(results[2].remediation?.contains("s3:GetObject") == true)
    }

    /// An object the auditor may not look at is not known to exist: `error`, never a pass.
    @Test func errorsWhenTheObjectCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("s3:HeadObject")]
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.parameters = .file(["TrendStagingS3Bucket": "c1ws-staging"])
        let results = try await harness.run("deployment-staging")
        #expect(results.statuses == [.error, .error, .error])
        #expect(results[0].evidence["missingPermission"] == "s3:GetObject")
    }
}
