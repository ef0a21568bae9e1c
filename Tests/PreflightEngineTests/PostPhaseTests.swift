import AWSCore
import Foundation
import Testing

@testable import PreflightEngine

/// The post-deployment rules against the deployed sample organization
/// (Tests/Emulator/scenarios/sample-org-deployed.yaml): the real templates deployed in the emulator, with gaps — a
/// missing dsToken, a missing association, a changed schedule, failed and pending association runs, an OUTDATED
/// stack instance, a management-account instance and an instance outside the StackSet's regions.
@Suite(.serialized) struct PostPhaseTests {
    static let scenario = "Tests/Emulator/scenarios/sample-org-deployed.yaml"
    static let regions: [Region] = ["us-east-1", "eu-west-1", "af-south-1", "us-west-2", "eu-central-1", "sa-east-1"]

    @Test func everyRuleAndInstanceVerdict() async throws {
        let org = try await ScenarioCache.shared.organization(Self.scenario)
        let report = try await org.run(phase: .post, regions: Self.regions)

        #expect(report.results.filter { $0.ruleId == "stack-status" }.map(\.status) == [.pass, .pass, .pass])
        #expect(org.lines(report, rule: "stackset-instances") == [
            "stackset-instances fail dev sa-east-1 C1WS-SSM-StackSet", "stackset-instances pass app-prod - C1WS-SSM-StackSet",
            "stackset-instances pass web-prod - C1WS-SSM-StackSet",
        ])
        let parameters = org.lines(report, rule: "ssm-parameters")
        #expect(parameters.filter { !$0.contains(" pass ") } == [
            "ssm-parameters fail app-prod us-east-1 dsToken", "ssm-parameters warn - - dsTenantId", "ssm-parameters warn - - dsToken",
        ])
        #expect(parameters.filter { $0.contains(" pass ") }.count == 14)
        let association = org.lines(report, rule: "ssm-association")
        #expect(association.filter { !$0.contains(" pass ") }.map { $0.split(separator: " ").prefix(4).joined(separator: " ") } == [
            "ssm-association fail dev eu-west-1", "ssm-association fail web-prod eu-west-1",
        ])
        #expect(association.filter { $0.contains(" pass ") }.count == 13)
        let schedule = try #require(report.results.first { $0.ruleId == "ssm-association" && $0.status == .fail && $0.evidence["field"] != nil })
        #expect(schedule.evidence["field"] == "schedule")
        #expect(schedule.evidence["actual"] == "rate(1 day)")
        #expect(schedule.evidence["expected"] == "cron(15 10 * * ? *)")

        #expect(org.lines(report, rule: "lambda-permissions") == [
            "lambda-permissions pass - - kms:Decrypt", "lambda-permissions pass - - logs:CreateLogGroup",
            "lambda-permissions pass - - logs:CreateLogStream", "lambda-permissions pass - - logs:PutLogEvents",
            "lambda-permissions pass - - organizations:ListOrganizationalUnitsForParent",
            "lambda-permissions pass - - organizations:ListRoots", "lambda-permissions skip - - secretsmanager:GetSecretValue",
        ])

        #expect(org.coverageLines(report) == [
            "app-prod af-south-1 app-cape-town uncovered region-not-targeted",
            "app-prod eu-central-1 app-frankfurt uncovered association-pending",
            "app-prod us-east-1 app-no-ssm-permission uncovered not-managed",
            "app-prod us-east-1 app-online uncovered association-failed",
            "dev eu-west-1 dev-agent-absent uncovered not-managed",
            "dev eu-west-1 dev-inactive uncovered ping-lost",
            "dev eu-west-1 dev-online uncovered no-association",
            "dev us-west-2 dev-oregon covered -",
            "management us-east-1 mgmt-bastion excluded management-account",
            "sandbox us-east-1 sandbox-online uncovered account-not-targeted",
            "web-prod eu-west-1 web-eu-failed uncovered association-failed",
            "web-prod eu-west-1 web-eu-windows covered -",
            "web-prod us-east-1 web-lost uncovered ping-lost",
            "web-prod us-east-1 web-no-profile uncovered not-managed",
            "web-prod us-east-1 web-online covered -",
            "web-prod us-west-2 web-oregon covered -",
        ])
        #expect(report.coverage.totals == CoverageTotals(instances: 16, covered: 4, uncovered: 11, excluded: 1))
        let coverage = report.results.filter { $0.ruleId == "agent-coverage" }
        #expect(coverage.filter { $0.resource != nil }.count == 11)
        let summary = try #require(coverage.first { $0.resource == nil })
        #expect(summary.status == .fail)
        #expect(summary.evidence["percent"] == .number(Double(4) * 100 / 15))
        #expect(report.status == .fail)
    }

    @Test func parametersFileValuesCompleteTheStacksMaskedOnes() async throws {
        let org = try await ScenarioCache.shared.organization(Self.scenario)
        let secret = try #require(org.ids.secrets["management/us-east-1/c1ws/api-key"])
        let parameters = try DeploymentParameters.parse(
            Data("[{\"ParameterKey\": \"CloudOneApiKeySecret\", \"ParameterValue\": \"\(secret)\"}]".utf8), file: "p.json")
        let report = try await org.run(phase: .post, parameters: parameters, regions: ["us-east-1"])
        #expect(org.lines(report, rule: "lambda-permissions").contains("lambda-permissions pass - - secretsmanager:GetSecretValue"))
    }

    @Test func rolledBackStackFailsWithItsReason() async throws {
        let org = try await ScenarioCache.shared.organization("Tests/Emulator/scenarios/sample-org-failed-stack.yaml")
        let report = try await org.run(phase: .post, regions: ["us-east-1"])
        let stack = try #require(report.results.first { $0.ruleId == "stack-status" })
        #expect(stack.status == .fail)
        #expect(stack.message.contains("ROLLBACK_COMPLETE"))
        #expect(stack.message.contains("SSMAssociationforWorkloadAgent"))
        // The stack was deployed with AccountAdminStatus DELEGATED_ADMIN, and the management account is not a
        // delegated administrator: the StackSet cannot be read that way, which is an error, not a pass.
        let instances = try #require(report.results.first { $0.ruleId == "stackset-instances" })
        #expect(instances.status == .error)
        #expect(instances.message.contains("delegated administrator"))
    }
}
