import AWSCore
import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `opt-in-regions`: deployment regions AWS does not enable by default, in the administrator account and the
/// targeted accounts (1–3) of the synthetic organization, whose own regions are `us-east-1` and `us-east-2`.
@Suite struct OptInRegionsTests {
    /// The deployment's regions plus `eu-south-1`, opt-in, as a `--template` that adds it gives them.
    static func harness(_ variations: SyntheticVariations) -> CheckKindHarness {
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.configure = { options in
            options.deployment.regions.append("eu-south-1")
            options.regions = ["us-east-1", "eu-south-1"]
        }
        return harness
    }

    @Test func passesTheShippedRegionsWithoutACall() async throws {
        let results = try await CheckKindHarness(state: .pre).run("opt-in-regions")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "none of the 2 deployment regions is opt-in: every account has them")
    }

    @Test func failsEveryAccountThatHasNotEnabledTheRegion() async throws {
        var variations = SyntheticVariations()
        variations.accountManagementTrustedAccess = true
        variations.regionsOptedIn = [.init(account: 0, region: "eu-south-1"), .init(account: 1, region: "eu-south-1"), .init(account: 3, region: "eu-south-1")]
        let harness = Self.harness(variations)
        let results = try await harness.run("opt-in-regions")
        #expect(results.statuses == [.pass, .pass, .fail, .pass])
        #expect(results.map(\.accountId) == [harness.id(0), harness.id(1), harness.id(2), harness.id(3)])
        #expect(results[2].region == "eu-south-1")
        #expect(results[2].message.hasPrefix("eu-south-1 is disabled in \(harness.id(2)): the StackSet's operation fails there"))
        #expect(results[2].remediation?.contains("aws account enable-region --account-id \(harness.id(2)) --region-name eu-south-1") == true)
        #expect(results[1].evidence["regionOptStatus"] == "ENABLED")
    }

    /// Without trusted access for AWS Account Management the member accounts cannot be asked: a warn, not a pass.
    @Test func warnsWhenTheMemberAccountsCannotBeAsked() async throws {
        var variations = SyntheticVariations()
        variations.regionsOptedIn = [.init(account: 0, region: "eu-south-1")]
        let results = try await Self.harness(variations).run("opt-in-regions")
        #expect(results.statuses == [.pass, .warn])
        #expect(results[1].message.hasPrefix("trusted access for AWS Account Management is not enabled: whether 3 targeted accounts"))
        #expect(results[1].remediation?.contains("--service-principal account.amazonaws.com") == true)
    }

    @Test func errorsWhenTheStatusCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accountManagementTrustedAccess = true
        variations.accessDenied = [.init("account:GetRegionOptStatus", account: 0)]
        let results = try await Self.harness(variations).run("opt-in-regions")
        #expect(results.with(.error).count == 4)
        #expect(results.with(.pass).isEmpty)
    }
}
