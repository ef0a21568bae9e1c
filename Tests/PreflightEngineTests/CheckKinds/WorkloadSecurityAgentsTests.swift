import Foundation
import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `workload-security-agents` and `workload-security-unmanaged`: the manager's computers joined with the coverage.
@Suite struct WorkloadSecurityAgentsTests {
    static func harness(_ change: (inout SyntheticCloudOne, SyntheticOrganization) -> Void = { _, _ in }) -> CheckKindHarness {
        var harness = CheckKindHarness()
        var cloudOne = SyntheticCloudOne(organization: harness.organization)
        change(&cloudOne, harness.organization)
        harness.cloudOne = cloudOne
        return harness
    }

    @Test func skipsWithoutAKey() async throws {
        #expect(try await CheckKindHarness().run("workload-security-agents").statuses == [.skip])
        #expect(try await CheckKindHarness().run("workload-security-unmanaged").statuses == [.skip])
    }

    /// Every covered instance (3 accounts × 2 regions × 3 instances) has an activated agent.
    @Test func passesWhenEveryCoveredInstanceIsProtected() async throws {
        let results = try await Self.harness().run("workload-security-agents")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "18 of 18 instances the association covers are protected by Workload Security")
    }

    @Test func failsEachUnprotectedInstanceWithItsReason() async throws {
        let organization = CheckKindHarness().organization
        let ids = (0..<5).map { organization.instanceId(account: 1, region: 0, index: $0 % 3) }
        let cases: [(SyntheticCloudOne.Agent, String)] = [
            (.none, "agent-not-activated"), (.notActivated, "agent-not-activated"), (.error, "agent-error"),
            (.offline, "agent-offline"), (.noPolicy, "no-policy"),
        ]
        for (agent, reason) in cases {
            let results = try await Self.harness { cloudOne, _ in cloudOne.agents[ids[0]] = agent }.run("workload-security-agents")
            let failed = results.with(.fail)
            #expect(failed.count == 2, "\(agent)")
            #expect(failed[0].message == "17 of 18 instances the association covers are protected by Workload Security")
            #expect(failed[1].resource == ids[0] && failed[1].evidence["reason"] == .string(reason), "\(agent)")
        }
    }

    @Test func warnsAWarningAgentButCountsItProtected() async throws {
        let id = CheckKindHarness().organization.instanceId(account: 2, region: 1, index: 0)
        let results = try await Self.harness { cloudOne, _ in cloudOne.agents[id] = .warning }.run("workload-security-agents")
        #expect(results.statuses == [.pass, .warn])
        #expect(results[1].resource == id && results[1].message.contains("reports a warning"))
    }

    /// A record whose instance does not exist is stale; one naming an instance of an account outside the run is not
    /// looked at.
    @Test func listsStaleRecords() async throws {
        let results = try await Self.harness { cloudOne, _ in
            cloudOne.staleComputers = [("i-0deadbeef0000001", 1, "us-east-1")]
        }.run("workload-security-agents")
        let stale = results.with(.warn)
        #expect(stale.count == 1 && stale[0].resource == "i-0deadbeef0000001")
        #expect(stale[0].evidence["staleRecord"] == .bool(true))
    }

    @Test func errorsWhenTheManagerCannotBeRead() async throws {
        let results = try await Self.harness { cloudOne, _ in cloudOne.canReadComputers = false }.run("workload-security-agents")
        #expect(results.statuses == [.error])
        #expect(results[0].message.contains("Workload Security (us-1) could not be read"))
    }

    /// The management account's instances are excluded from the association; an agent installed there another way
    /// protects them, and that is listed, not failed.
    @Test func listsInstancesProtectedOutsideTheAssociation() async throws {
        let organization = CheckKindHarness().organization
        let id = organization.instanceId(account: 0, region: 0, index: 1)
        let results = try await Self.harness { cloudOne, _ in cloudOne.agents[id] = .activated }.run("workload-security-unmanaged")
        #expect(results.statuses == [.pass, .pass])
        #expect(results[1].resource == id && results[1].evidence["installedOutsideAssociation"] == .bool(true))
        #expect(results[1].message.contains("management-account"))
    }
}
