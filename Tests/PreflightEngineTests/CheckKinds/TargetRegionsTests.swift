import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `target-regions` (a warning rule): instances outside the StackSet's 16 regions are never covered. It reports
/// nothing when every instance is inside them.
@Suite struct TargetRegionsTests {
    /// Seventeen regions enabled (the 17th, `af-south-1`, is outside the deployment); two of them audited.
    static func harness(_ variations: SyntheticVariations = SyntheticVariations()) -> CheckKindHarness {
        var harness = CheckKindHarness(state: .pre, regions: 17, variations: variations)
        harness.configure = { $0.regions = ["us-east-1", "af-south-1"] }
        return harness
    }

    @Test func reportsNothingInsideTheDeploymentRegions() async throws {
        let results = try await CheckKindHarness(state: .pre).run("target-regions")
        #expect(results.isEmpty)
    }

    @Test func warnsForEveryInstanceOutsideThem() async throws {
        let harness = Self.harness()
        let results = try await harness.run("target-regions")
        #expect(results.count == 9)
        #expect(results.allSatisfy { $0.status == .warn && $0.region == "af-south-1" })
        let instance = harness.organization.instanceId(account: 2, region: 16, index: 1)
        let result = try #require(results.first { $0.resource == instance })
        #expect(result.accountId == harness.id(2))
        #expect(result.message == "instance \(instance) runs in af-south-1, outside the StackSet's 16 regions")
    }

    @Test func visitsEnabledRegionsWhenNoneAreGiven() async throws {
        var harness = CheckKindHarness(state: .pre, regions: 17)
        harness.configure = { $0.regions = nil }
        let results = try await harness.run("target-regions")
        #expect(results.count == 9)
        #expect(Set(results.compactMap(\.region)) == ["af-south-1"])
    }

    @Test func errorsWhereInstancesCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ec2:DescribeInstances", account: 2, region: "af-south-1")]
        let harness = Self.harness(variations)
        let results = try await harness.run("target-regions")
        #expect(results.with(.error).map(\.accountId) == [harness.id(2)])
        #expect(results.with(.warn).count == 6)
    }

    @Test func errorsForAnAccountWhoseRegionsCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ec2:DescribeRegions", account: 1)]
        var harness = CheckKindHarness(state: .pre, regions: 17, variations: variations)
        harness.configure = { $0.regions = nil }
        let results = try await harness.run("target-regions")
        let error = try #require(results.with(.error).first)
        #expect(error.accountId == harness.id(1) && error.region == nil)
        #expect(error.evidence["missingPermission"] == "ec2:DescribeRegions")
    }
}
