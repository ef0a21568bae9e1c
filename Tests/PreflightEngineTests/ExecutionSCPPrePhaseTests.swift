import AWSCore
import Testing

@testable import PreflightEngine

/// `stackset-execution-scp` against the emulator's organization with region guards (`sample-org-scp.yaml`):
/// Production's Control Tower style region deny blocks the execution role outside us-east-1 and eu-west-1, Dev's
/// exempts it.
@Suite struct ExecutionSCPPrePhaseTests {
    @Test func theRegionDenyBlocksProductionAndTheExemptionLetsDevDeploy() async throws {
        let org = try ScenarioOrganization(scenario: "Tests/Emulator/scenarios/sample-org-scp.yaml")
        let (context, rules) = try org.context(
            phase: .pre, parameters: try org.sampleParameters(), deployerArn: org.ids.roles["management/C1WSDeployer"],
            regions: ["us-east-1", "eu-west-1", "eu-central-1", "sa-east-1"])
        let report = await AuditRunner(rules: rules.rules.filter { $0.id == "stackset-execution-scp" }).run(context: context)
        #expect(org.lines(report) == [
            "stackset-execution-scp fail app-prod eu-central-1 -", "stackset-execution-scp fail app-prod sa-east-1 -",
            "stackset-execution-scp fail web-prod eu-central-1 -", "stackset-execution-scp fail web-prod sa-east-1 -",
            "stackset-execution-scp pass dev - -",
        ])
        let denied = try #require(report.results.first { $0.status == .fail })
        #expect(denied.evidence["policyName"] == "RegionDeny")
        #expect(denied.evidence["statementSid"] == "GRREGIONDENY")
        #expect(denied.evidence["evaluatedBy"] == "local")
    }
}
