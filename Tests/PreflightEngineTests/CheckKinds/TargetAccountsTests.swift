import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `target-accounts` (a warning rule): accounts attached to the root are never targeted.
@Suite struct TargetAccountsTests {
    @Test func passesEveryAccountInAnOU() async throws {
        let harness = CheckKindHarness(state: .pre)
        let results = try await harness.run("target-accounts")
        #expect(results.statuses == [.pass, .pass, .pass])
        #expect(results.map(\.accountId) == [harness.id(1), harness.id(2), harness.id(3)])
        #expect(results[2].message == "account \(harness.id(3)) is in OU ou-b00t-00000001")
        #expect(results[0].evidence["organizationalUnitPath"] == .array(["ou-b00t-00000000"]))
    }

    @Test func warnsForAnAccountAttachedToTheRoot() async throws {
        var variations = SyntheticVariations()
        variations.accountsAtRoot = [2]
        let harness = CheckKindHarness(state: .pre, variations: variations)
        let results = try await harness.run("target-accounts")
        let warned = try #require(results.with(.warn).first)
        #expect(results.with(.warn).count == 1)
        #expect(warned.accountId == harness.id(2))
        #expect(warned.message.contains("attached directly to the root"))
        #expect(warned.evidence["organizationalUnitPath"] == .array([]))
        #expect(results.with(.pass).count == 2)
    }

    @Test func skipsASuspendedAccount() async throws {
        var variations = SyntheticVariations()
        variations.suspendedAccounts = [3]
        let harness = CheckKindHarness(state: .pre, variations: variations)
        let results = try await harness.run("target-accounts")
        let skipped = try #require(results.first { $0.accountId == harness.id(3) })
        #expect(skipped.status == .skip)
        #expect(skipped.message == "account \(harness.id(3)) is SUSPENDED and is not audited")
        #expect(skipped.evidence["status"] == "SUSPENDED")
    }

    @Test func errorsWhenAccountsCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("organizations:ListAccountsForParent")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("target-accounts")
        #expect(results.statuses == [.error])
        #expect(results[0].evidence["missingPermission"] == "organizations:ListAccountsForParent")
    }
}
