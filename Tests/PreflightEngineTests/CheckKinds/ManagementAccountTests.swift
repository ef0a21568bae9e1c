import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `management-account-exclusion` (a warning rule): instances of the management account get no agent.
@Suite struct ManagementAccountTests {
    @Test func warnsForEveryInstanceOfTheManagementAccount() async throws {
        let harness = CheckKindHarness(state: .pre)
        let results = try await harness.run("management-account-exclusion")
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.status == .warn && $0.accountId == harness.id(0) })
        let first = harness.organization.instanceId(account: 0, region: 0, index: 0)
        let result = try #require(results.first { $0.resource == first })
        #expect(result.region == "us-east-1")
        #expect(result.message == "instance \(first) runs in the management account, where StackSets never deploy: it is excluded")
    }

    @Test func passesWhenTheManagementAccountRunsNothing() async throws {
        var variations = SyntheticVariations()
        variations.instancesPerRegion = [0: 0]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("management-account-exclusion")
        #expect(results.statuses == [.pass, .pass])
        #expect(Set(results.compactMap(\.region)) == ["us-east-1", "us-east-2"])
        #expect(results[0].message == "no running instances in the management account")
    }

    @Test func errorsInTheRegionWhereInstancesCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ec2:DescribeInstances", account: 0, region: "us-east-2")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("management-account-exclusion")
        let error = try #require(results.with(.error).first)
        #expect(results.with(.error).count == 1)
        #expect(error.region == "us-east-2")
        #expect(error.evidence["errorCode"] == "UnauthorizedOperation")
        #expect(error.evidence["missingPermission"] == "ec2:DescribeInstances")
        #expect(results.with(.warn).count == 3)
    }
}
