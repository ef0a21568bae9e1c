import AWSCore
import Foundation
import Testing

@testable import PreflightEngine

/// The StackSet rules and stack-status against the emulator: scenarios whose StackSet operation failed, whose
/// AutoDeployment was disabled before an account moved into a targeted OU, whose instances drifted, with an OU
/// created after the stack, and a stack that rolled back.
@Suite(.serialized) struct StackSetPostPhaseTests {
    static let regions: [Region] = ["us-east-1", "eu-west-1", "sa-east-1", "ap-south-1"]

    @Test func failedOperationDisabledAutoDeploymentAndDrift() async throws {
        let org = try await ScenarioCache.shared.organization("Tests/Emulator/scenarios/sample-org-stackset-failed.yaml")
        let report = try await org.run(phase: .post, regions: Self.regions)

        #expect(org.lines(report, rule: "stackset-operations") == [
            "stackset-operations fail dev sa-east-1 C1WS-SSM-StackSet", "stackset-operations fail web-prod ap-south-1 C1WS-SSM-StackSet",
        ])
        let gate = try #require(report.results.first { $0.ruleId == "stackset-operations" && $0.region == "sa-east-1" })
        #expect(gate.evidence["accountGateResult"] == [
            "status": "FAILED", "statusReason": "AccountGate function returned FAILED: maintenance window",
        ])
        #expect(gate.message.hasPrefix("FAILED in CREATE "))
        #expect(gate.message.hasSuffix("(FAILED): Account gate check failed: the account gate function returned FAILED.; account gate FAILED: AccountGate function returned FAILED: maintenance window"))
        let cancelled = try #require(report.results.first { $0.ruleId == "stackset-operations" && $0.region == "ap-south-1" })
        #expect(cancelled.evidence["status"] == "CANCELLED")

        let instances = org.lines(report, rule: "stackset-instances").filter { !$0.contains(" pass ") }
        #expect(instances.contains("stackset-instances fail web-prod ap-south-1 C1WS-SSM-StackSet"))
        #expect(instances.filter { $0.contains(" sandbox ") }.count == Self.regions.count)

        #expect(org.lines(report, rule: "stackset-auto-deployment") == [
            "stackset-auto-deployment fail sandbox - C1WS-SSM-StackSet", "stackset-auto-deployment warn - - C1WS-SSM-StackSet",
        ])

        #expect(org.lines(report, rule: "stackset-drift") == [
            "stackset-drift warn app-prod us-east-1 C1WS-SSM-StackSet", "stackset-drift warn dev eu-west-1 C1WS-SSM-StackSet",
            "stackset-drift warn web-prod eu-west-1 C1WS-SSM-StackSet",
        ])
        let drift = report.results.filter { $0.ruleId == "stackset-drift" }.map(\.message).sorted()
        #expect(drift.contains { $0.hasSuffix("DSTokenParam DELETED") })
        #expect(drift.contains { $0.hasSuffix("C1WSDistributorPackage MODIFIED") })
        #expect(drift.contains { $0.hasSuffix("C1WSDistributorPackage DELETED") })
    }

    @Test func ouCreatedAfterTheStackIsNamedWithItsAccounts() async throws {
        let org = try await ScenarioCache.shared.organization("Tests/Emulator/scenarios/sample-org-new-ou.yaml")
        let report = try await org.run(phase: .post, regions: ["us-east-1"])
        let unit = try #require(report.results.first { $0.ruleId == "stackset-auto-deployment" })
        #expect(report.results.filter { $0.ruleId == "stackset-auto-deployment" }.count == 1)
        #expect(unit.status == .fail)
        #expect(unit.message.hasPrefix("OU Research (ou-"))
        #expect(unit.message.contains(") is not one of StackSet C1WS-SSM-StackSet's OUs (created after the stack ABI-TM-SSM)"))
        #expect(unit.evidence["organizationalUnitName"] == "Research")
        #expect(unit.evidence["accounts"] == [.string(org.ids.accounts["sandbox"] ?? "?")])

        let drift = try #require(report.results.first { $0.ruleId == "stackset-drift" })
        #expect(drift.status == .warn)
        #expect(drift.remediation?.contains("aws cloudformation detect-stack-set-drift --stack-set-name C1WS-SSM-StackSet --call-as SELF") == true)
        #expect(org.lines(report, rule: "stackset-operations") == ["stackset-operations fail dev sa-east-1 C1WS-SSM-StackSet"])
    }

    @Test func rolledBackStackIsExplainedByItsFirstFailedEvents() async throws {
        let org = try await ScenarioCache.shared.organization("Tests/Emulator/scenarios/sample-org-failed-stack.yaml")
        let report = try await org.run(phase: .post, regions: ["us-east-1"])
        let stacks = report.results.filter { $0.ruleId == "stack-status" }
        let root = try #require(stacks.first { $0.resource == "ABI-TM-SSM" })
        #expect(root.message.hasPrefix("stack ABI-TM-SSM is ROLLBACK_COMPLETE: SSMAssociationforWorkloadAgent CREATE_FAILED: Embedded stack"))
        let nested = try #require(stacks.first { $0.resource?.contains("SSMAssociationforWorkloadAgent") == true })
        #expect(nested.evidence["failedResource"] == "SSMStackSet")
        #expect(nested.message.contains("SSMStackSet CREATE_FAILED: Resource handler returned message: \"Account used is not a delegated administrator"))
        #expect(nested.evidence["preventedBy"] == "caller-account")
        // The StackSet cannot be read as DELEGATED_ADMIN by the management account: an error, never a pass.
        for rule in ["stackset-operations", "stackset-auto-deployment", "stackset-drift"] {
            #expect(report.results.filter { $0.ruleId == rule }.map(\.status) == [.error], "\(rule)")
        }
    }
}
