import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `stackset-quotas`: the synthetic administrator account's StackSets and the stack instances of its targeted
/// accounts × the deployment's 16 regions, against CloudFormation's quotas at AWS's defaults.
@Suite struct StackSetQuotasTests {
    @Test func passesWithinTheAccountsQuotas() async throws {
        let results = try await CheckKindHarness(state: .pre).run("stackset-quotas")
        #expect(results.statuses == [.pass, .pass])
        #expect(results[0].resource == "L-EC62D81A")
        #expect(results[0].message == "1 StackSets with C1WS-SSM-StackSet (0 already there) fit the quota of 1000 (from Service Quotas)")
        #expect(results[0].evidence["quotaSource"] == "service-quotas")
        #expect(results[1].resource == "L-C8225BA5")
        #expect(results[1].message.hasPrefix("48 stack instances (3 targeted accounts × 16 regions) fit the quota of 100000"))
        #expect(results[1].evidence["needed"] == .number(48))
    }

    /// After deployment the StackSet is there already: it needs no further StackSet of the quota.
    @Test func countsTheDeploymentsOwnStackSetOnce() async throws {
        var harness = CheckKindHarness(state: .post)
        harness.phase = .pre
        let results = try await harness.run("stackset-quotas")
        #expect(results[0].message.hasPrefix("1 StackSets with C1WS-SSM-StackSet (1 already there)"))
        #expect(results[0].evidence["deploymentStackSetExists"] == .bool(true))
    }

    /// Service Quotas unreadable: the documented defaults decide, and the evidence says so.
    @Test func fallsBackToTheDocumentedDefaults() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("servicequotas:GetServiceQuota")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("stackset-quotas")
        #expect(results.statuses == [.pass, .pass])
        #expect(results[0].evidence["quotaSource"] == "documented-default")
        #expect(results[0].message.contains("AWS's documented default as of 2026-12-02: Service Quotas could not be read"))
        #expect(results[0].evidence["quotaError"].map { "\($0)".contains("access denied") } == true)
    }

    /// The StackSets cannot be counted: `error`, never a pass.
    @Test func errorsWhenTheStackSetsCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("cloudformation:ListStackSets")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("stackset-quotas")
        #expect(results.statuses == [.error])
    }
}
