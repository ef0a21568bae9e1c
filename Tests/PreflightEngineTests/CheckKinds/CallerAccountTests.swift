import SyntheticAWS
import Testing

@testable import PreflightEngine

@Suite struct CallerAccountTests {
    @Test func passesInTheManagementAccount() async throws {
        let harness = CheckKindHarness(state: .pre)
        let results = try await harness.run("caller-account")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "the caller is in the management account \(harness.id(0))")
        #expect(results[0].accountId == harness.id(0))
        #expect(results[0].evidence["managementAccountId"] == .string(harness.id(0)))
        #expect(results[0].evidence["accountAdminStatus"] == "SELF")
    }

    @Test func failsSelfFromAMemberAccount() async throws {
        var harness = CheckKindHarness(state: .pre)
        harness.callerAccount = 2
        let results = try await harness.run("caller-account")
        #expect(results.statuses == [.fail])
        #expect(results[0].message.contains("caller's account \(harness.id(2)) is not the management account \(harness.id(0))"))
        #expect(results[0].accountId == harness.id(2))
    }

    @Test func passesARegisteredDelegatedAdministrator() async throws {
        var variations = SyntheticVariations()
        variations.delegatedAdministrators = [2]
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.callerAccount = 2
        harness.parameters = .file(["AccountAdminStatus": "DELEGATED_ADMIN"])
        let results = try await harness.run("caller-account")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "account \(harness.id(2)) is a delegated administrator for member.org.stacksets.cloudformation.amazonaws.com")
    }

    @Test func failsAnUnregisteredDelegatedAdministrator() async throws {
        var variations = SyntheticVariations()
        variations.delegatedAdministrators = [3]
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.callerAccount = 2
        harness.parameters = .file(["AccountAdminStatus": "DELEGATED_ADMIN"])
        let results = try await harness.run("caller-account")
        #expect(results.statuses == [.fail])
        #expect(results[0].message.contains("account \(harness.id(2)) is not a registered delegated administrator"))
    }

    @Test(arguments: ["sts:GetCallerIdentity", "organizations:DescribeOrganization"])
    func errorsWhenACallIsDenied(_ operation: String) async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init(operation)]
        let results = try await CheckKindHarness(state: .pre, variations: variations).run("caller-account")
        #expect(results.statuses == [.error])
        #expect(results[0].message.hasPrefix("access denied for \(operation)"))
        #expect(results[0].evidence["missingPermission"] == .string(operation))
        #expect(results[0].remediation?.contains(operation) == true)
    }

    @Test func errorsWhenDelegatedAdministratorsCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.throttled = [.init("organizations:ListDelegatedAdministrators")]
        var harness = CheckKindHarness(state: .pre, variations: variations)
        harness.parameters = .file(["AccountAdminStatus": "DELEGATED_ADMIN"])
        let results = try await harness.run("caller-account")
        #expect(results.statuses == [.error])
        #expect(results[0].evidence["errorCode"] == "ThrottlingException")
    }
}
