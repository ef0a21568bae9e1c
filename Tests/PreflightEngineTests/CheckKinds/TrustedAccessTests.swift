import SyntheticAWS
import Testing

@testable import PreflightEngine

@Suite struct TrustedAccessTests {
    static let principal = "member.org.stacksets.cloudformation.amazonaws.com"

    @Test func passesWhenTrustedAccessIsEnabled() async throws {
        let results = try await CheckKindHarness(state: .pre).run("stacksets-trusted-access")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "trusted access is enabled for \(Self.principal)")
        #expect(results[0].evidence["servicePrincipal"] == .string(Self.principal))
    }

    @Test func failsWhenTrustedAccessIsDisabled() async throws {
        var variations = SyntheticVariations()
        variations.trustedAccessDisabled = true
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("stacksets-trusted-access")
        #expect(results.statuses == [.fail])
        #expect(results[0].message == "trusted access for \(Self.principal) is not enabled in Organizations")
        #expect(results[0].remediation?.contains("activate-organizations-access") == true)
    }

    @Test func errorsWhenDenied() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("organizations:ListAWSServiceAccessForOrganization")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("stacksets-trusted-access")
        #expect(results.statuses == [.error])
        #expect(results[0].evidence["errorCode"] == "AccessDeniedException")
        #expect(results[0].evidence["missingPermission"] == "organizations:ListAWSServiceAccessForOrganization")
    }

    @Test func errorsWhenThrottled() async throws {
        var variations = SyntheticVariations()
        variations.throttled = [.init("organizations:ListAWSServiceAccessForOrganization")]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("stacksets-trusted-access")
        #expect(results.statuses == [.error])
        #expect(results[0].message.contains("ThrottlingException"))
        #expect(results[0].evidence["missingPermission"] == nil)
    }
}
