import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `ssm-parameters`: the four agent parameters exist with well-formed values; secret values are never shown.
@Suite struct SSMParametersTests {
    static let uuid = "0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D"

    @Test func passesEveryTargetedAccountAndRegion() async throws {
        let results = try await CheckKindHarness().run("ssm-parameters")
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.status == .pass && $0.message == "all 4 parameters exist and are well-formed" })
    }

    @Test func failsMissingAndMalformedParameters() async throws {
        var variations = SyntheticVariations()
        variations.parameters = [
            .init("dsManagerUrl", account: 1, region: "us-east-1", .missing),
            .init("dsActivationUrl", account: 2, region: "us-east-2", .value(type: "String", value: "dsm://agents.example.com:443/")),
            .init("dsTenantId", account: 3, region: "us-east-1", .value(type: "String", value: "tenant-secret-value")),
        ]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-parameters")
        let missing = try #require(results.first { $0.resource == "dsManagerUrl" })
        #expect(missing.status == .fail && missing.accountId == harness.id(1) && missing.region == "us-east-1")
        #expect(missing.message == "SSM parameter dsManagerUrl is missing")
        let malformed = try #require(results.first { $0.resource == "dsActivationUrl" })
        #expect(malformed.message.hasPrefix("SSM parameter dsActivationUrl: 'dsm://agents.example.com:443/' does not match"))
        let secret = try #require(results.first { $0.resource == "dsTenantId" && $0.status == .fail })
        #expect(secret.message.hasPrefix("SSM parameter dsTenantId: its value (not shown) does not match"))
        #expect(results.allSatisfy { !$0.message.contains("tenant-secret-value") && !"\($0.evidence)".contains("tenant-secret-value") })
        #expect(results.with(.pass).count == 3)
    }

    @Test func warnsOnceForASecretStoredAsAPlainString() async throws {
        var variations = SyntheticVariations()
        variations.parameters = [.init("dsToken", account: 3, .value(type: "String", value: Self.uuid))]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-parameters")
        let warning = try #require(results.with(.warn).first)
        #expect(results.with(.warn).count == 1)
        #expect(warning.resource == "dsToken")
        #expect(warning.message == "SSM parameter dsToken holds a secret as a plain String, not a SecureString, in 2 account-region(s)")
        #expect(warning.evidence["locations"] == .array([.string("\(harness.id(3))/us-east-1"), .string("\(harness.id(3))/us-east-2")]))
        #expect(!warning.message.contains(Self.uuid))
        #expect(results.with(.pass).count == 6)
    }

    /// Rule data that declares `dsToken` and `dsTenantId` public (a hostile `rules/deployment.yaml`) reveals nothing:
    /// their secrecy is a fact of the code.
    @Test func dataCannotMakeTheTokenOrTenantPublic() async throws {
        var variations = SyntheticVariations()
        variations.parameters = [
            .init("dsToken", account: 1, region: "us-east-1", .value(type: "String", value: "token-secret-value")),
            .init("dsTenantId", account: 1, region: "us-east-1", .value(type: "String", value: "tenant-secret-value")),
        ]
        var harness = CheckKindHarness(variations: variations)
        harness.configure = { options in
            for index in options.deployment.parameters.indices { options.deployment.parameters[index].secret = false }
        }
        let results = try await harness.run("ssm-parameters")
        #expect(results.with(.fail).count == 2)
        #expect(results.with(.fail).allSatisfy { $0.message.contains("its value (not shown)") })
        for secret in ["token-secret-value", "tenant-secret-value"] {
            #expect(results.allSatisfy { !$0.message.contains(secret) && !"\($0.evidence)".contains(secret) })
        }
    }

    @Test func errorsWhereParametersCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ssm:GetParameters", account: 2, region: "us-east-1")]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-parameters")
        let error = try #require(results.with(.error).first)
        #expect(results.with(.error).count == 1)
        #expect(error.accountId == harness.id(2) && error.region == "us-east-1")
        #expect(error.evidence["missingPermission"] == "ssm:GetParameters")
        #expect(results.with(.pass).count == 5)
    }
}
