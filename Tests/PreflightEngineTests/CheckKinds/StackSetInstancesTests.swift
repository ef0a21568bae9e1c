import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `stackset-instances`: a CURRENT stack instance in every targeted account and audited deployment region.
@Suite struct StackSetInstancesTests {
    @Test func passesEveryTargetedAccount() async throws {
        let harness = CheckKindHarness()
        let results = try await harness.run("stackset-instances")
        #expect(results.statuses == [.pass, .pass, .pass])
        #expect(results.map(\.accountId) == [harness.id(1), harness.id(2), harness.id(3)])
        #expect(results[0].message == "2 stack instances are CURRENT")
        #expect(results[0].resource == "C1WS-SSM-StackSet")
    }

    @Test func failsMissingAndOutdatedInstances() async throws {
        var variations = SyntheticVariations()
        variations.stackInstances = [
            .init(account: 1, region: "us-east-2"): .missing,
            .init(account: 3, region: "us-east-1"): .status("OUTDATED", reason: "ResourceLogicalId:SSMParameter, ResourceStatusReason:Already exists"),
        ]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("stackset-instances")
        let missing = try #require(results.first { $0.accountId == harness.id(1) && $0.status == .fail })
        #expect(missing.region == "us-east-2")
        #expect(missing.message == "StackSet C1WS-SSM-StackSet has no stack instance in \(harness.id(1)) us-east-2")
        let outdated = try #require(results.first { $0.accountId == harness.id(3) && $0.status == .fail })
        #expect(outdated.message.hasPrefix("stack instance in \(harness.id(3)) us-east-1 is OUTDATED (FAILED): ResourceLogicalId:SSMParameter"))
        #expect(outdated.evidence["status"] == "OUTDATED")
        #expect(outdated.evidence["detailedStatus"] == "FAILED")
        #expect(results.with(.pass).map(\.accountId) == [harness.id(2)])
    }

    @Test func leavesOutAccountsThatAreNotTargeted() async throws {
        var variations = SyntheticVariations()
        variations.accountsAtRoot = [1]
        variations.suspendedAccounts = [2]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("stackset-instances")
        #expect(results.statuses == [.pass])
        #expect(results[0].accountId == harness.id(3))
    }

    @Test func failsAMissingStackSet() async throws {
        var variations = SyntheticVariations()
        variations.stackSetMissing = true
        let results = try await CheckKindHarness(variations: variations).run("stackset-instances")
        #expect(results.statuses == [.fail])
        #expect(results[0].message == "StackSet C1WS-SSM-StackSet does not exist")
    }

    @Test func errorsWhenInstancesCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("cloudformation:ListStackInstances")]
        let results = try await CheckKindHarness(variations: variations).run("stackset-instances")
        #expect(results.statuses == [.error])
        #expect(results[0].resource == "C1WS-SSM-StackSet")
        #expect(results[0].evidence["missingPermission"] == "cloudformation:ListStackInstances")
    }
}
