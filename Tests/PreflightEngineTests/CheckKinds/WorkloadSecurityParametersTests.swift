import Foundation
import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `workload-security-parameters`: the four SSM parameters against the deployment script the manager issues now;
/// the tenant id and token are compared, never shown.
@Suite struct WorkloadSecurityParametersTests {
    static let cloudOne = SyntheticCloudOne(organization: CheckKindHarness().organization)

    /// The deployed organization whose secret parameters are plain Strings holding `token` (the manager's by default).
    static func harness(token: String = cloudOne.token, tokenAccount: Int? = nil) -> CheckKindHarness {
        var variations = SyntheticVariations()
        variations.parameters = [
            .init("dsToken", account: tokenAccount, .value(type: "String", value: token)),
            .init("dsToken", .value(type: "String", value: cloudOne.token)),
            .init("dsTenantId", .value(type: "String", value: cloudOne.tenantID)),
        ]
        var harness = CheckKindHarness(variations: variations)
        harness.cloudOne = cloudOne
        return harness
    }

    @Test func skipsWithoutAKey() async throws {
        #expect(try await CheckKindHarness().run("workload-security-parameters").statuses == [.skip])
    }

    @Test func passesEveryTargetedAccountAndRegion() async throws {
        let results = try await Self.harness().run("workload-security-parameters")
        #expect(results.count == 3 * 2 && results.allSatisfy { $0.status == .pass })
    }

    @Test func failsARotatedTokenWithoutShowingEither() async throws {
        let stale = "11111111-2222-3333-4444-555555555555"
        let harness = Self.harness(token: stale, tokenAccount: 2)
        let results = try await harness.run("workload-security-parameters")
        let failed = results.with(.fail)
        #expect(failed.count == 2 && failed.allSatisfy { $0.accountId == harness.id(2) && $0.resource == "dsToken" })
        #expect(failed[0].message.contains("differs from the manager's current value"))
        #expect(results.allSatisfy { !"\($0)".contains(stale) && !"\($0)".contains(Self.cloudOne.token) })
    }

    /// A SecureString cannot be compared without decrypting it: `error`, never a pass.
    @Test func errorsOnSecureStrings() async throws {
        var harness = CheckKindHarness()
        harness.cloudOne = Self.cloudOne
        let results = try await harness.run("workload-security-parameters")
        #expect(!results.isEmpty && results.allSatisfy { $0.status == .error })
    }

    @Test func errorsWhenTheManagerRejectsTheKey() async throws {
        var harness = Self.harness()
        harness.cloudOne?.keyActive = false
        #expect(try await harness.run("workload-security-parameters").statuses == [.error])
    }
}
