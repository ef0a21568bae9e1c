import AWSCore
import Foundation
import Testing

@testable import PreflightEngine

/// The pre-deployment staging, quota and opt-in rules against the emulator: the sample organization, which is
/// deployable, and `sample-org-staging-broken.yaml`, which breaks each of them (see its header).
@Suite struct StagingPrePhaseTests {
    static let rules: Set<String> = ["deployment-staging", "stackset-quotas", "opt-in-regions"]

    /// Runs the three rules with the deployment's regions plus the opt-in `eu-south-1` (as a `--template` adding it
    /// would), restricted to us-east-1 and eu-south-1.
    static func run(_ scenario: String) async throws -> (ScenarioOrganization, AuditReport) {
        let org = try ScenarioOrganization(scenario: "Tests/Emulator/scenarios/\(scenario)")
        let (context, rules) = try org.context(
            phase: .pre, parameters: try org.sampleParameters(), deployerArn: org.ids.roles["management/C1WSDeployer"],
            regions: ["us-east-1", "eu-south-1"]
        ) { options in
            options.deployment.regions.append("eu-south-1")
        }
        let report = await AuditRunner(rules: rules.rules.filter { Self.rules.contains($0.id) }).run(context: context)
        return (org, report)
    }

    @Test func theSampleIsStagedWithinQuotasButNotOptedIn() async throws {
        let (org, report) = try await Self.run("sample-org.yaml")
        #expect(org.lines(report, rule: "deployment-staging") == [
            "deployment-staging pass - - s3://aws-abi/cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml",
            "deployment-staging pass - - s3://aws-abi/cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/c1ws-ssm-orgs.template.yaml",
            "deployment-staging pass - - s3://c1ws-staging/cfn-abi-trend-cloudone//lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip",
        ])
        #expect(org.lines(report, rule: "stackset-quotas") == [
            "stackset-quotas pass - - L-C8225BA5", "stackset-quotas pass - - L-EC62D81A",
        ])
        // The sample has not enabled eu-south-1 anywhere, and has no trusted access for AWS Account Management.
        #expect(org.lines(report, rule: "opt-in-regions") == [
            "opt-in-regions fail management eu-south-1 -", "opt-in-regions warn - - -",
        ])
    }

    @Test func eachBrokenStagingFactFails() async throws {
        let (org, report) = try await Self.run("sample-org-staging-broken.yaml")
        #expect(org.lines(report, rule: "deployment-staging") == [
            "deployment-staging fail - - s3://aws-abi/cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/c1ws-ssm-orgs.template.yaml",
            "deployment-staging fail - - s3://c1ws-staging/cfn-abi-trend-cloudone//lambda_functions/packages/AgentDeploymentScriptFunction/lambda.zip",
            "deployment-staging pass - - s3://aws-abi/cfn-abi-trend-cloudone//templates/trend-cloudone-ws-ssm-association/AgentDeploymentScriptParse.template.yaml",
        ])
        let package = try #require(report.results.first { $0.resource?.hasPrefix("s3://c1ws-staging/") == true })
        #expect(package.message.contains("is in eu-west-1, not in the stack's region us-east-1"))
        #expect(org.lines(report, rule: "stackset-quotas") == [
            "stackset-quotas fail - - L-EC62D81A", "stackset-quotas pass - - L-C8225BA5",
        ])
        let stackSets = try #require(report.results.first { $0.resource == "L-EC62D81A" })
        #expect(stackSets.message == "3 StackSets with C1WS-SSM-StackSet (2 already there) exceed the administrator account's quota of 2 (Stack sets per administrator account, from Service Quotas)")
        #expect(org.lines(report, rule: "opt-in-regions") == [
            "opt-in-regions fail dev eu-south-1 -", "opt-in-regions pass app-prod eu-south-1 -",
            "opt-in-regions pass management eu-south-1 -", "opt-in-regions pass web-prod eu-south-1 -",
        ])
    }
}
