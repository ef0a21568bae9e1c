import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `stackset-operations`: the StackSet's newest operation, and the failed accounts and regions of a failed one.
@Suite struct StackSetOperationsTests {
    @Test func passesASucceededOperation() async throws {
        let results = try await CheckKindHarness().run("stackset-operations")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "the StackSet's newest operation (CREATE 0b000000-0000-4000-8000-000000000000) SUCCEEDED")
        #expect(results[0].resource == "C1WS-SSM-StackSet")
    }

    @Test func failsEveryFailedAccountAndRegionOfAFailedOperation() async throws {
        var variations = SyntheticVariations()
        variations.stackSetOperation = .init(status: "FAILED", results: [
            .init(account: 1, region: "us-east-1"): .init(reason: "ResourceLogicalId:SSMParameterdsToken, ResourceStatusReason:dsToken already exists"),
            .init(account: 3, region: "us-east-2"): .init(
                reason: "Account gate check failed", accountGate: (status: "FAILED", reason: "The account gate function returned FAILED")),
        ])
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("stackset-operations")
        #expect(results.statuses == [.fail, .fail])
        #expect(results[0].accountId == harness.id(1))
        #expect(results[0].region == "us-east-1")
        #expect(results[0].message == "FAILED in UPDATE 0b000000-0000-4000-8000-000000000000 (FAILED): ResourceLogicalId:SSMParameterdsToken, ResourceStatusReason:dsToken already exists")
        #expect(results[0].evidence["accountGateResult"] == [
            "status": "SKIPPED",
            "statusReason": .string("Function not found: arn:aws:lambda:us-east-1:\(harness.id(1)):function:AWSCloudFormationStackSetAccountGate"),
        ])
        #expect(results[1].accountId == harness.id(3))
        #expect(results[1].evidence["accountGateResult"] == ["status": "FAILED", "statusReason": "The account gate function returned FAILED"])
        #expect(results[1].evidence["statusReason"] == "Account gate check failed")
        #expect(results[1].message.hasSuffix("Account gate check failed; account gate FAILED: The account gate function returned FAILED"))
    }

    @Test func failsAStoppedOperationWithItsReason() async throws {
        var variations = SyntheticVariations()
        variations.stackSetOperation = .init(status: "STOPPED", statusReason: "The operation was stopped by the user")
        let results = try await CheckKindHarness(variations: variations).run("stackset-operations")
        #expect(results.statuses == [.fail])
        #expect(results[0].message.hasSuffix("is STOPPED: The operation was stopped by the user"))
    }

    @Test func warnsWhileTheOperationRuns() async throws {
        var variations = SyntheticVariations()
        variations.stackSetOperation = .init(status: "RUNNING")
        let results = try await CheckKindHarness(variations: variations).run("stackset-operations")
        #expect(results.statuses == [.warn])
    }

    @Test func skipsAStackSetWithOnlyDriftDetections() async throws {
        var variations = SyntheticVariations()
        variations.stackSetOperation = .init(action: "DETECT_DRIFT", status: "SUCCEEDED")
        let results = try await CheckKindHarness(variations: variations).run("stackset-operations")
        #expect(results.statuses == [.skip])
    }

    @Test func failsAMissingStackSet() async throws {
        var variations = SyntheticVariations()
        variations.stackSetMissing = true
        let results = try await CheckKindHarness(variations: variations).run("stackset-operations")
        #expect(results.statuses == [.fail])
        #expect(results[0].message == "StackSet C1WS-SSM-StackSet does not exist")
    }

    @Test func errorsWhenOperationsOrTheirResultsCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("cloudformation:ListStackSetOperations")]
        let listed = try await CheckKindHarness(variations: variations).run("stackset-operations")
        #expect(listed.statuses == [.error])
        #expect(listed[0].evidence["missingPermission"] == "cloudformation:ListStackSetOperations")

        variations.accessDenied = [.init("cloudformation:ListStackSetOperationResults")]
        variations.stackSetOperation = .init(status: "FAILED")
        let results = try await CheckKindHarness(variations: variations).run("stackset-operations")
        #expect(results.statuses == [.error])
        #expect(results[0].evidence["missingPermission"] == "cloudformation:ListStackSetOperationResults")
    }
}
