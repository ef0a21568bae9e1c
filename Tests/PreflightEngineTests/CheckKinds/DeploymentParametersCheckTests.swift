import Testing

@testable import PreflightEngine

/// `deployment-parameters` reads only the `--parameters` file: it has pass, fail and skip paths, and no AWS call
/// that could put it in `error`.
@Suite struct DeploymentParametersCheckTests {
    static let valid: KeyValuePairs<String, String> = [
        "AccountAdminStatus": "SELF", "CronJob": "cron(15 10 * * ? *)", "CloudOneRegionEndpoint": "us-1",
        "CloudOneApiKeySecret": "arn:aws:secretsmanager:us-east-1:100000000000:secret:c1ws/api-key-AbCdEf",
        "TrendKeyArn": "arn:aws:kms:us-east-1:100000000000:key/12345678-1234-1234-1234-123456789012",
    ]

    @Test func skipsWithoutAParametersFile() async throws {
        let results = try await CheckKindHarness(state: .pre).run("deployment-parameters")
        #expect(results.statuses == [.skip])
        #expect(results[0].message.contains("no --parameters file given"))
    }

    @Test func passesWellFormedParameters() async throws {
        var harness = CheckKindHarness(state: .pre)
        harness.parameters = .file(Self.valid)
        let results = try await harness.run("deployment-parameters")
        #expect(results.statuses == [.pass, .pass, .pass, .pass, .pass])
        #expect(results.map(\.resource) == ["AccountAdminStatus", "CronJob", "CloudOneRegionEndpoint", "CloudOneApiKeySecret", "TrendKeyArn"])
        #expect(results[2].message == "Cloud One region us-1 is known")
        #expect(results[0].evidence["line"] == .number(2))
        #expect(results.allSatisfy { !$0.message.contains("c1ws/api-key") })
    }

    @Test func failsEachMalformedParameterWithFileAndLine() async throws {
        var harness = CheckKindHarness(state: .pre)
        harness.parameters = .file([
            "AccountAdminStatus": "OWNER", "CronJob": "every day", "CloudOneRegionEndpoint": "xx-9",
            "CloudOneApiKeySecret": "my-secret", "TrendKeyArn": "arn:aws:kms:us-east-1:1:key/nope",
        ])
        let results = try await harness.run("deployment-parameters")
        #expect(results.statuses == [.fail, .fail, .fail, .fail, .fail])
        #expect(results[0].message == "parameters.json:2: AccountAdminStatus must be SELF or DELEGATED_ADMIN, not 'OWNER'")
        #expect(results[1].message.hasPrefix("parameters.json:3: CronJob is not a valid SSM schedule"))
        #expect(results[2].message.contains("'xx-9' is not a known Cloud One region"))
        #expect(results[3].message == "parameters.json:5: CloudOneApiKeySecret is not a Secrets Manager secret ARN")
        #expect(!results[3].message.contains("my-secret"))
        #expect(results[4].evidence["file"] == "parameters.json")
        #expect(results.allSatisfy { $0.remediation != nil })
    }

    @Test func failsAMissingEndpointAndKey() async throws {
        var harness = CheckKindHarness(state: .pre)
        harness.parameters = .file(["AccountAdminStatus": "DELEGATED_ADMIN"])
        let results = try await harness.run("deployment-parameters")
        #expect(results.statuses == [.pass, .pass, .fail, .fail])
        #expect(results[2].message == "parameters.json: CloudOneRegionEndpoint is missing")
        #expect(results[3].message.contains("CloudOneApiKeySecret is missing"))
    }
}
