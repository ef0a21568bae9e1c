import AWSCore
import Testing

@testable import PreflightEngine

/// `lambda-secret-access` against the emulator: the secrets of `sample-org-secret-access.yaml`, each breaking one
/// path of the Lambda role to the API key, and the delegated administrator of `sample-org-rcp.yaml`, whose RCP
/// denies the role.
@Suite struct SecretAccessPrePhaseTests {
    /// Each secret's results (GetSecretValue, then kms:Decrypt) as `status policyType`.
    @Test func eachBrokenPathFailsWithThePolicyThatBlocksIt() async throws {
        let org = try ScenarioOrganization(scenario: "Tests/Emulator/scenarios/sample-org-secret-access.yaml")
        let expected: [(secret: String, lines: [String], sid: String?)] = [
            ("c1ws/api-key", ["pass -", "pass -"], nil),
            ("c1ws/api-key-denied", ["fail secret-resource-policy", "pass -"], "DenyOutsideBreakGlass"),
            ("c1ws/api-key-other-key", ["pass -", "fail identity"], nil),
            ("c1ws/api-key-undelegated", ["pass -", "fail key-policy"], nil),
            ("c1ws/api-key-allowed", ["pass -", "pass -"], nil),
        ]
        for (name, lines, sid) in expected {
            let secret = try #require(org.ids.secrets["management/us-east-1/\(name)"])
            var parameters = try org.sampleParameters()
            parameters.values["CloudOneApiKeySecret"] = (secret, 2)
            let (context, rules) = try org.context(
                phase: .pre, parameters: parameters, deployerArn: org.ids.roles["management/C1WSDeployer"])
            let report = await AuditRunner(rules: rules.rules.filter { $0.id == "lambda-secret-access" }).run(context: context)
            let byAction = ["secretsmanager:GetSecretValue", "kms:Decrypt"].compactMap { action in
                report.results.first { $0.evidence["action"]?.text == action }
            }
            let got = byAction.map { "\($0.status.rawValue) \($0.evidence["policyType"]?.text ?? "-")" }
            #expect(report.results.count == 2 && got == lines, "\(name): \(report.results.map(\.message))")
            #expect(report.results.allSatisfy { $0.evidence["evaluatedBy"] == "local" })
            if let sid {
                #expect(byAction.first?.evidence["statementSid"]?.text == sid, "\(name)")
                #expect(byAction.first?.evidence["policyArn"]?.text == secret)
            }
        }
    }

    /// Audited from the management account, the delegated administrator's secret is read through the member role,
    /// and its OU's RCP denies the Lambda role both reading and decrypting it.
    @Test func anRCPDeniesTheDelegatedAdministratorsLambdaRole() async throws {
        let org = try ScenarioOrganization(scenario: "Tests/Emulator/scenarios/sample-org-rcp.yaml")
        let security = try #require(org.ids.accounts["security"])
        var parameters = try org.sampleParameters()
        parameters.values["AccountAdminStatus"] = ("DELEGATED_ADMIN", 2)
        parameters.values["CloudOneApiKeySecret"] = (try #require(org.ids.secrets["security/us-east-1/c1ws/api-key"]), 3)
        parameters.values["TrendKeyArn"] = (try #require(org.ids.keys?["security/us-east-1/trend"]), 4)
        let (context, rules) = try org.context(phase: .pre, parameters: parameters, deployerArn: org.ids.roles["management/C1WSDeployer"])
        let report = await AuditRunner(rules: rules.rules.filter { $0.id == "lambda-secret-access" }).run(context: context)
        #expect(report.results.map(\.status) == [.fail, .fail], "\(report.results.map(\.message))")
        for result in report.results {
            #expect(result.evidence["policyType"] == "rcp")
            #expect(result.evidence["statementSid"] == "DenyUnapprovedReaders")
            #expect(result.evidence["policyArn"]?.text?.contains(":policy/") == true)
            #expect(result.evidence["principalArn"]?.text?.hasPrefix("arn:aws:iam::\(security):role/") == true)
            #expect(result.message.contains("the RCP SecretsPerimeter (statement DenyUnapprovedReaders) denies"))
        }
    }
}

extension JSONValue {
    /// The string, when this is one.
    fileprivate var text: String? {
        if case .string(let text) = self { text } else { nil }
    }
}
