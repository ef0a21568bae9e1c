import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `agent-coverage`: the association's latest outcome on every running instance, with one result per uncovered
/// instance and the reason.
@Suite struct AgentCoverageTests {
    @Test func passesWhenEveryEligibleInstanceIsCovered() async throws {
        let results = try await CheckKindHarness().run("agent-coverage")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "18 of 18 eligible running instances covered (100%), 6 excluded")
        #expect(results[0].evidence["excluded"] == .number(6))
        #expect(results[0].evidence["percent"] == .number(100))
    }

    @Test func failsEachUncoveredInstanceWithItsReason() async throws {
        var variations = SyntheticVariations()
        variations.instances = [
            .init(account: 1, region: "us-east-1", index: 0): .notManaged(),
            .init(account: 1, region: "us-east-1", index: 1): .ping("ConnectionLost"),
            .init(account: 1, region: "us-east-2", index: 0): .outcome("Failed"),
            .init(account: 1, region: "us-east-2", index: 1): .outcome("InProgress"),
        ]
        variations.associations = [.init(account: 2, region: "us-east-1"): .missing]
        variations.accountsAtRoot = [3]
        var harness = CheckKindHarness(regions: 17, variations: variations)
        harness.configure = { $0.regions = ["us-east-1", "us-east-2", "af-south-1"] }
        let results = try await harness.run("agent-coverage")
        let organization = harness.organization
        func reason(_ account: Int, _ region: Int, _ index: Int) -> JSONValue? {
            let id = organization.instanceId(account: account, region: region, index: index)
            return results.first { $0.resource == id }?.evidence["reason"]
        }
        #expect(reason(1, 0, 0) == "not-managed")
        #expect(reason(1, 0, 1) == "ping-lost")
        #expect(reason(1, 1, 0) == "association-failed")
        #expect(reason(1, 1, 1) == "association-pending")
        #expect(reason(2, 0, 2) == "no-association")
        #expect(reason(3, 0, 0) == "account-not-targeted")
        #expect(reason(1, 16, 0) == "region-not-targeted")
        #expect(reason(1, 1, 2) == nil)
        // Eligible: accounts 1 to 3 × 3 regions × 3 instances; covered: account 1 (1 + 1 in the deployment regions),
        // account 2 us-east-2 (3); the management account's 9 are excluded.
        #expect(results[0].status == .fail)
        #expect(results[0].message == "5 of 27 eligible running instances covered (18.5%), 9 excluded")
        #expect(results.with(.fail).count == 23)
        let notManaged = try #require(results.first { $0.evidence["reason"] == "not-managed" })
        #expect(notManaged.message == "instance \(organization.instanceId(account: 1, region: 0, index: 0)) is not covered: not-managed")
        #expect(notManaged.accountId == harness.id(1) && notManaged.region == "us-east-1")
    }

    @Test func leavesOutSuspendedAccounts() async throws {
        var variations = SyntheticVariations()
        variations.suspendedAccounts = [2]
        let results = try await CheckKindHarness(variations: variations).run("agent-coverage")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "12 of 12 eligible running instances covered (100%), 6 excluded")
    }

    @Test func errorsWhenOutcomesCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ssm:DescribeAssociationExecutions", account: 2, region: "us-east-1")]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("agent-coverage")
        #expect(results[0].status == .error)
        #expect(results[0].message == "coverage is incomplete: 15 of 15 eligible running instances covered (100%), 6 excluded")
        let gap = try #require(results.dropFirst().first)
        #expect(results.count == 2)
        #expect(gap.status == .error && gap.accountId == harness.id(2) && gap.region == "us-east-1")
        #expect(gap.evidence["missingPermission"] == "ssm:DescribeAssociationExecutions")
    }
}
