import AWSCore
import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `stackset-auto-deployment`: AutoDeployment, a stack instance for every account of the StackSet's OUs, and OUs
/// created after the stack.
@Suite struct StackSetAutoDeploymentTests {
    @Test func passesWhenEveryAccountOfItsOUsIsDeployed() async throws {
        let results = try await CheckKindHarness().run("stackset-auto-deployment")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "AutoDeployment is enabled and every account of the StackSet's 2 OUs has a stack instance")
        #expect(results[0].evidence["organizationalUnitIds"] == ["ou-b00t-00000000", "ou-b00t-00000001"])
    }

    @Test func warnsWhenAutoDeploymentIsDisabled() async throws {
        var variations = SyntheticVariations()
        variations.autoDeploymentDisabled = true
        var harness = CheckKindHarness(variations: variations)
        harness.parameters = .file(["AccountAdminStatus": "DELEGATED_ADMIN"])
        let results = try await harness.run("stackset-auto-deployment")
        #expect(results.statuses == [.warn])
        #expect(results[0].message.contains("AutoDeployment disabled"))
        #expect(results[0].remediation?.contains("--auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false --call-as DELEGATED_ADMIN") == true)
    }

    @Test func failsAnAccountOfItsOUsWithoutAStackInstance() async throws {
        var variations = SyntheticVariations()
        variations.stackInstances = Dictionary(
            uniqueKeysWithValues: SyntheticOrganization.deploymentRegions.map { (.init(account: 2, region: $0), .missing) })
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("stackset-auto-deployment")
        #expect(results.statuses == [.fail])
        #expect(results[0].accountId == harness.id(2))
        #expect(results[0].message == "account \(harness.id(2)) in OU Workloads-0 has no stack instance of StackSet C1WS-SSM-StackSet")
    }

    @Test func namesOUsCreatedAfterTheStackWithTheirAccounts() async throws {
        var variations = SyntheticVariations()
        variations.organizationalUnitsAfterStack = [1]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("stackset-auto-deployment")
        #expect(results.statuses == [.fail])
        #expect(results[0].message.hasPrefix("OU Workloads-1 (ou-b00t-00000001) is not one of StackSet C1WS-SSM-StackSet's OUs"))
        #expect(results[0].evidence["accounts"] == [.string(harness.id(3))])
        #expect(results[0].remediation?.hasPrefix("The stack's Lambda listed the OUs when the stack was created: update the stack ABI-TM-SSM") == true)
    }

    @Test func failsAMissingStackSet() async throws {
        var variations = SyntheticVariations()
        variations.stackSetMissing = true
        let results = try await CheckKindHarness(variations: variations).run("stackset-auto-deployment")
        #expect(results.statuses == [.fail])
        #expect(results[0].message == "StackSet C1WS-SSM-StackSet does not exist")
    }

    @Test func errorsWhenTheStackSetCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("cloudformation:DescribeStackSet")]
        let results = try await CheckKindHarness(variations: variations).run("stackset-auto-deployment")
        #expect(results.statuses == [.error])
        #expect(results[0].evidence["missingPermission"] == "cloudformation:DescribeStackSet")
    }

    @Test func leavesOutAccountsOutsideTheAudit() async throws {
        var variations = SyntheticVariations()
        variations.organizationalUnitsAfterStack = [1]
        var harness = CheckKindHarness(variations: variations)
        let first = harness.id(1)
        harness.configure = { $0.accounts = [AccountID(rawValue: first)!] }
        let results = try await harness.run("stackset-auto-deployment")
        #expect(results.statuses == [.pass])
    }
}
