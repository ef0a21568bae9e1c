import CloudOne
import Foundation
import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `workload-security-api`: the key, the deployment script and agent-initiated activation, against the in-process
/// Workload Security of `SyntheticCloudOne`.
@Suite struct WorkloadSecurityAPITests {
    static func harness(_ change: (inout SyntheticCloudOne) -> Void = { _ in }) -> CheckKindHarness {
        var harness = CheckKindHarness(state: .pre)
        var cloudOne = SyntheticCloudOne(organization: harness.organization)
        change(&cloudOne)
        harness.cloudOne = cloudOne
        return harness
    }

    @Test func skipsWithoutAKeySayingHowToGiveOne() async throws {
        let results = try await CheckKindHarness(state: .pre).run("workload-security-api")
        #expect(results.statuses == [.skip])
        #expect(results[0].message.contains("CLOUDONE_API_KEY") && results[0].message.contains("--cloudone-api-key-secret"))
    }

    @Test func passesAWorkingKey() async throws {
        let results = try await Self.harness().run("workload-security-api")
        #expect(results.statuses == [.pass, .pass, .pass])
        #expect(results.map(\.resource) == ["api-key", "deployment-script", "agent-initiated-activation"])
        #expect(results[1].evidence["managerUrl"] == "https://workload.trendmicro.com:443")
        #expect(results[0].evidence["cloudOneRegion"] == "us-1")
    }

    @Test func failsAKeyOfAnotherRegionNamingTheRegion() async throws {
        var harness = Self.harness()
        harness.configure = { $0.workloadSecurity.region = CloudOneRegion(rawValue: "jp-1") }
        let results = try await harness.run("workload-security-api")
        #expect(results.statuses == [.fail])
        #expect(results[0].message.contains("not accepted by region jp-1 (HTTP 401"))
        #expect(results[0].message.contains("a key of another region or a revoked key"))
    }

    @Test func failsAnInactiveKey() async throws {
        let results = try await Self.harness { $0.keyActive = false }.run("workload-security-api")
        #expect(results.statuses == [.fail])
        #expect(results[0].message.contains("HTTP 403") && results[0].message.contains("API key is inactive"))
    }

    @Test func warnsAKeyExpiringWithinTwoWeeks() async throws {
        let inFiveDays = Int64((testDay.timeIntervalSince1970 + 5 * 86_400) * 1000)
        let results = try await Self.harness { $0.keyExpiry = inFiveDays }.run("workload-security-api")
        #expect(results.statuses == [.warn, .pass, .pass])
        #expect(results[0].message.contains("expires in 5 day(s)"))
        let later = Int64((testDay.timeIntervalSince1970 + 30 * 86_400) * 1000)
        #expect(try await Self.harness { $0.keyExpiry = later }.run("workload-security-api").statuses == [.pass, .pass, .pass])
    }

    @Test func failsAKeyThatCannotCreateDeploymentScripts() async throws {
        let results = try await Self.harness { $0.canCreateDeploymentScripts = false }.run("workload-security-api")
        #expect(results.statuses == [.pass, .fail, .pass])
        #expect(results[1].message.contains("may not create deployment scripts (HTTP 403)"))
    }

    /// The StackSet passes the script's values to its template, whose AllowedPattern for dsActivationUrl and
    /// dsManagerUrl does not accept Cloud One's regional hosts: every stack instance would fail.
    @Test func failsValuesTheStackSetTemplateRejects() async throws {
        let results = try await Self.harness {
            $0.activationURL = "dsm://agents.workload.de-1.cloudone.trendmicro.com:443/"
            $0.managerURL = "https://workload.de-1.cloudone.trendmicro.com:443"
        }.run("workload-security-api")
        #expect(results.statuses == [.pass, .fail, .pass])
        #expect(results[1].message.contains("AllowedPattern for dsActivationUrl 'dsm://agents.workload.de-1.cloudone.trendmicro.com:443/', dsManagerUrl"))
        #expect(results[1].message.hasSuffix("every stack instance would fail to create"))
    }

    @Test func failsWhenAgentsMayNotActivateAndWarnsWhenRestricted() async throws {
        let off = try await Self.harness { $0.agentInitiatedActivation = "Do not allow" }.run("workload-security-api")
        #expect(off.statuses == [.pass, .pass, .fail])
        #expect(off[2].message.contains("installs agents that never activate") || off[2].message.contains("never activate"))
        let restricted = try await Self.harness { $0.agentInitiatedActivation = "For computers on the following IP list" }
            .run("workload-security-api")
        #expect(restricted.statuses == [.pass, .pass, .warn])
    }

    /// A server that echoes the key in its errors: the key appears in no result.
    @Test func neverShowsTheKeyEvenWhenEchoed() async throws {
        var harness = Self.harness { $0.echoKeyInErrors = true }
        harness.configure = { $0.workloadSecurity.region = CloudOneRegion(rawValue: "de-1") }
        let results = try await harness.run("workload-security-api")
        let key = SyntheticCloudOne(organization: harness.organization).key
        #expect(results.statuses == [.fail])
        #expect(results.allSatisfy { !"\($0)".contains(key) && !$0.message.contains(key) })
    }

    @Test func errorsWithoutARegion() async throws {
        var harness = Self.harness()
        harness.configure = { $0.workloadSecurity.region = nil }
        let results = try await harness.run("workload-security-api")
        #expect(results.statuses == [.error])
        #expect(results[0].message.contains("no Cloud One region: pass --cloudone-region"))
    }
}
