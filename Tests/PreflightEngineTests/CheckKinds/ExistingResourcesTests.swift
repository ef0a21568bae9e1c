import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `existing-resources`: before deployment, no parameter or association of the deployment exists yet.
@Suite struct ExistingResourcesTests {
    @Test func passesEveryTargetedAccountAndRegion() async throws {
        let harness = CheckKindHarness(state: .pre)
        let results = try await harness.run("existing-resources")
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.status == .pass && $0.message == "no conflicting parameters or associations" })
        #expect(Set(results.compactMap(\.accountId)) == [harness.id(1), harness.id(2), harness.id(3)])
    }

    @Test func failsForALeftoverParameterAndAssociation() async throws {
        var variations = SyntheticVariations()
        variations.parameters = [.init("dsToken", account: 1, region: "us-east-1", .value(type: "SecureString", value: "AQICAHhOld=="))]
        variations.associations = [.init(account: 2, region: "us-east-2"): .asDeployed]
        let harness = CheckKindHarness(state: .pre, variations: variations)
        let results = try await harness.run("existing-resources")
        let parameter = try #require(results.first { $0.resource == "dsToken" })
        #expect(parameter.status == .fail)
        #expect(parameter.accountId == harness.id(1) && parameter.region == "us-east-1")
        #expect(parameter.message == "SSM parameter dsToken already exists: the StackSet cannot create it")
        #expect(!parameter.message.contains("AQICAHhOld"))
        let association = try #require(results.first { $0.accountId == harness.id(2) && $0.region == "us-east-2" })
        #expect(association.status == .fail)
        // `association/ID`: an association's results sort before its parameters', whatever its random id.
        #expect(association.resource == "association/\(harness.organization.associationId(account: 2, region: 1))")
        #expect(association.message.contains("TrendCloudOneWorkloadSecurityAssociation already exists"))
        #expect(results.with(.pass).count == 4)
    }

    @Test func errorsWhereParametersCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ssm:GetParameters", account: 3)]
        let harness = CheckKindHarness(state: .pre, variations: variations)
        let results = try await harness.run("existing-resources")
        let errors = results.with(.error)
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.accountId == harness.id(3) && $0.evidence["errorCode"] == "AccessDeniedException" })
        #expect(results.with(.pass).count == 4)
    }

    @Test func errorsOnceForAnAccountWhoseRoleCannotBeAssumed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("sts:AssumeRole", account: 1)]
        let harness = CheckKindHarness(state: .pre, variations: variations)
        let results = try await harness.run("existing-resources")
        let error = try #require(results.with(.error).first)
        #expect(results.with(.error).count == 1)
        #expect(error.accountId == harness.id(1) && error.region == nil)
        #expect(error.message.hasPrefix("cannot assume arn:aws:iam::\(harness.id(1)):role/OrganizationAccountAccessRole"))
        #expect(error.evidence["missingPermission"] == "sts:AssumeRole")
    }
}
