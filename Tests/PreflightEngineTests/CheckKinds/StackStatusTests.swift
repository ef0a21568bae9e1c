import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `stack-status`: the deployment's stack and its two nested stacks are complete.
@Suite struct StackStatusTests {
    @Test func passesCompleteStacks() async throws {
        let results = try await CheckKindHarness().run("stack-status")
        #expect(results.statuses == [.pass, .pass, .pass])
        #expect(results[0].resource == "ABI-TM-SSM")
        #expect(results[0].message == "stack ABI-TM-SSM is CREATE_COMPLETE")
        #expect(results[0].evidence["status"] == "CREATE_COMPLETE")
    }

    @Test func failsANestedStackWithItsFailedResource() async throws {
        var variations = SyntheticVariations()
        variations.failedStacks = [
            "SSMAssociationforWorkloadAgent": .init(
                status: "UPDATE_ROLLBACK_COMPLETE", failedResource: "SSMStackSet", reason: "Account 100000000003 should have 'AWSCloudFormationStackSetExecutionRole' role")
        ]
        let results = try await CheckKindHarness(variations: variations).run("stack-status")
        let failed = try #require(results.with(.fail).first)
        #expect(results.with(.fail).count == 1)
        #expect(failed.resource?.contains("SSMAssociationforWorkloadAgent") == true)
        #expect(failed.message.hasSuffix("is UPDATE_ROLLBACK_COMPLETE: SSMStackSet UPDATE_FAILED: Account 100000000003 should have 'AWSCloudFormationStackSetExecutionRole' role"))
        #expect(failed.evidence["failedResource"] == "SSMStackSet")
        #expect(results.with(.pass).count == 2)
    }

    @Test func failsTheRootStackWithItsReason() async throws {
        var variations = SyntheticVariations()
        variations.failedStacks = ["ABI-TM-SSM": .init(status: "ROLLBACK_COMPLETE", reason: "The following resource(s) failed to create")]
        let results = try await CheckKindHarness(variations: variations).run("stack-status")
        let failed = try #require(results.first { $0.resource == "ABI-TM-SSM" })
        #expect(failed.status == .fail)
        #expect(failed.message == "stack ABI-TM-SSM is ROLLBACK_COMPLETE: The following resource(s) failed to create")
    }

    @Test func failsAMissingStack() async throws {
        var harness = CheckKindHarness(state: .pre)
        harness.phase = .post
        let results = try await harness.run("stack-status")
        #expect(results.statuses == [.fail])
        #expect(results[0].message.contains("Stack with id ABI-TM-SSM does not exist"))
        #expect(results[0].resource == "ABI-TM-SSM")
    }

    @Test func errorsWhenResourcesCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("cloudformation:ListStackResources")]
        let results = try await CheckKindHarness(variations: variations).run("stack-status")
        #expect(results.statuses == [.error])
        #expect(results[0].resource == "ABI-TM-SSM")
        #expect(results[0].evidence["missingPermission"] == "cloudformation:ListStackResources")
        #expect(results[0].evidence["errorCode"] == "AccessDenied")
    }

    @Test func explainsTheFirstFailureOfTheNewestDeploymentWithTheRuleThatCatchesIt() async throws {
        var variations = SyntheticVariations()
        variations.failedStacks = [
            "GetWorkloadSecurityAgentDeploymentParameters": .init(
                status: "UPDATE_ROLLBACK_COMPLETE", failedResource: "CustomInvokeAgentScriptParser",
                reason: "Received response status [FAILED] from custom resource. Message returned: HTTP 401 from workload.us-1.cloudone.trendmicro.com")
        ]
        let results = try await CheckKindHarness(variations: variations).run("stack-status")
        let failed = try #require(results.with(.fail).first)
        #expect(results.with(.fail).count == 1)
        #expect(failed.message.hasSuffix("is UPDATE_ROLLBACK_COMPLETE: CustomInvokeAgentScriptParser UPDATE_FAILED: Received response status [FAILED] from custom resource. Message returned: HTTP 401 from workload.us-1.cloudone.trendmicro.com (the pre-deployment rule workload-security-api catches this)"))
        #expect(failed.evidence["preventedBy"] == "workload-security-api")
        #expect(failed.evidence["failedResource"] == "CustomInvokeAgentScriptParser")
        #expect(failed.remediation?.contains("preflight rules explain workload-security-api") == true)
    }

    @Test func mapsALambdaPermissionFailureToLambdaPermissions() async throws {
        var variations = SyntheticVariations()
        variations.failedStacks = [
            "GetWorkloadSecurityAgentDeploymentParameters": .init(
                status: "ROLLBACK_COMPLETE", failedResource: "CustomInvokeAgentScriptParser",
                reason: "Received response status [FAILED] from custom resource. Message returned: An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:sts::100000000000:assumed-role/r/f is not authorized to perform: secretsmanager:GetSecretValue")
        ]
        let results = try await CheckKindHarness(variations: variations).run("stack-status")
        #expect(results.with(.fail).first?.evidence["preventedBy"] == "lambda-permissions")
    }

    @Test func hidesSecretsAServerEchoesInAReason() async throws {
        var variations = SyntheticVariations()
        variations.failedStacks = [
            "GetWorkloadSecurityAgentDeploymentParameters": .init(
                status: "ROLLBACK_COMPLETE", failedResource: "CustomInvokeAgentScriptParser",
                reason: "Received response status [FAILED] from custom resource. Message returned: invalid key tmc12ABCDEF0123456789secret")
        ]
        var harness = CheckKindHarness(variations: variations)
        harness.parameters = .file(["CloudOneAPIKey": "tmc12ABCDEF0123456789secret"])
        let results = try await harness.run("stack-status")
        let failed = try #require(results.with(.fail).first)
        #expect(!failed.message.contains("tmc12ABCDEF0123456789secret"))
        #expect(failed.message.contains("invalid key [redacted]"))
        #expect(!String(describing: failed.evidence["failedResourceReason"]).contains("tmc12ABCDEF"))
    }

    @Test func explainsAFailureFromItsResourcesWhenEventsCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.failedStacks = [
            "SSMAssociationforWorkloadAgent": .init(status: "ROLLBACK_COMPLETE", failedResource: "SSMStackSet", reason: "StackSet failed")
        ]
        variations.accessDenied = [.init("cloudformation:DescribeStackEvents")]
        let results = try await CheckKindHarness(variations: variations).run("stack-status")
        let failed = try #require(results.with(.fail).first)
        #expect(failed.message.hasSuffix("is ROLLBACK_COMPLETE: SSMStackSet CREATE_FAILED: StackSet failed"))
        #expect(String(describing: failed.evidence["eventsError"]).contains("cloudformation:DescribeStackEvents"))
    }
}
