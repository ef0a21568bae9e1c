import AWSCore
import Foundation
import Testing

@testable import PreflightEngine

/// The pre-deployment rules against the sample organization (Tests/Emulator/scenarios/sample-org.yaml): a
/// management account, nested OUs, an account under the root, member roles, a deployer missing two actions, and
/// instances across regions in every agent state.
@Suite(.serialized) struct PrePhaseTests {
    static let scenario = "Tests/Emulator/scenarios/sample-org.yaml"
    static let regions: [Region] = ["us-east-1", "eu-west-1", "af-south-1"]

    func organization() async throws -> ScenarioOrganization {
        try await ScenarioCache.shared.organization(Self.scenario)
    }

    func parameters(_ organization: ScenarioOrganization) throws -> DeploymentParameters {
        let secret = try #require(organization.ids.secrets["management/us-east-1/c1ws/api-key"])
        let text = """
            [
              {"ParameterKey": "AccountAdminStatus", "ParameterValue": "SELF"},
              {"ParameterKey": "CronJob", "ParameterValue": "cron(15 10 * * ? *)"},
              {"ParameterKey": "CloudOneRegionEndpoint", "ParameterValue": "us-1"},
              {"ParameterKey": "CloudOneApiKeySecret", "ParameterValue": "\(secret)"},
              {"ParameterKey": "TrendKeyArn", "ParameterValue": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
            ]
            """
        return try DeploymentParameters.parse(Data(text.utf8), file: "params.json")
    }

    @Test func everyRuleAndInstanceVerdict() async throws {
        let org = try await organization()
        let report = try await org.run(
            phase: .pre, parameters: parameters(org), deployerArn: org.ids.roles["management/C1WSDeployer"], regions: Self.regions)

        #expect(org.lines(report, rule: "deployment-parameters") == [
            "deployment-parameters pass - - AccountAdminStatus", "deployment-parameters pass - - CloudOneApiKeySecret",
            "deployment-parameters pass - - CloudOneRegionEndpoint", "deployment-parameters pass - - CronJob",
            "deployment-parameters pass - - TrendKeyArn",
        ])
        #expect(org.lines(report, rule: "caller-account") == ["caller-account pass management - -"])
        #expect(org.lines(report, rule: "stacksets-trusted-access") == ["stacksets-trusted-access pass - - -"])

        let deployer = report.results.filter { $0.ruleId == "deployer-permissions" }
        #expect(deployer.count == 25)
        #expect(deployer.filter { $0.status == .fail }.compactMap(\.resource).sorted() == ["cloudformation:CreateStackSet", "iam:CreateRole"])
        #expect(deployer.filter { $0.status == .pass }.count == 23)
        let denied = try #require(deployer.first { $0.resource == "iam:CreateRole" })
        #expect(denied.evidence["decision"] == "implicitDeny")
        #expect(denied.evidence["principalArn"] == .string(org.ids.roles["management/C1WSDeployer"]!))
        let role = org.ids.roles["management/C1WSDeployer"]!
        #expect(denied.remediation?.hasPrefix(
            "Add to the identity policy of \(role):\n{\"Effect\": \"Allow\", \"Action\": \"iam:CreateRole\", \"Resource\": \"*\"}\n")
            == true, "\(denied.remediation ?? "")")

        let template = report.results.filter { $0.ruleId == "deployer-permissions-template" }
        #expect(template.count == 11)
        #expect(template.allSatisfy { $0.status == .warn })

        #expect(org.lines(report, rule: "lambda-permissions") == Array(repeating: "lambda-permissions pass - - ", count: 0)
            + [
                "lambda-permissions pass - - kms:Decrypt", "lambda-permissions pass - - logs:CreateLogGroup",
                "lambda-permissions pass - - logs:CreateLogStream", "lambda-permissions pass - - logs:PutLogEvents",
                "lambda-permissions pass - - organizations:ListOrganizationalUnitsForParent",
                "lambda-permissions pass - - organizations:ListRoots", "lambda-permissions pass - - secretsmanager:GetSecretValue",
            ])
        #expect(org.lines(report, rule: "target-accounts") == [
            "target-accounts pass app-prod - -", "target-accounts pass dev - -", "target-accounts pass web-prod - -",
            "target-accounts warn sandbox - -",
        ])
        #expect(org.lines(report, rule: "management-account-exclusion") == [
            "management-account-exclusion pass management af-south-1 -",
            "management-account-exclusion pass management eu-west-1 -",
            "management-account-exclusion warn management us-east-1 mgmt-bastion",
        ])
        let existing = org.lines(report, rule: "existing-resources")
        #expect(existing.filter { $0.contains(" pass ") } == [
            "existing-resources pass app-prod eu-west-1 -", "existing-resources pass dev us-east-1 -",
        ])
        #expect(existing.filter { $0.contains(" fail ") }.count == 20)
        #expect(org.lines(report, rule: "ssm-agent") == [
            "ssm-agent fail app-prod us-east-1 app-no-ssm-permission", "ssm-agent fail dev eu-west-1 dev-agent-absent",
            "ssm-agent fail dev eu-west-1 dev-inactive", "ssm-agent fail web-prod us-east-1 web-lost",
            "ssm-agent fail web-prod us-east-1 web-no-profile", "ssm-agent pass app-prod af-south-1 -",
            "ssm-agent pass app-prod us-east-1 -", "ssm-agent pass dev eu-west-1 -", "ssm-agent pass sandbox us-east-1 -",
            "ssm-agent pass web-prod eu-west-1 -", "ssm-agent pass web-prod us-east-1 -",
        ])
        #expect(org.lines(report, rule: "target-regions") == ["target-regions warn app-prod af-south-1 app-cape-town"])
        #expect(Set(report.results.map(\.ruleId)).isDisjoint(with: ["stack-status", "stackset-instances", "ssm-parameters", "ssm-association", "agent-coverage"]))

        #expect(org.coverageLines(report) == [
            "app-prod af-south-1 app-cape-town uncovered region-not-targeted",
            "app-prod us-east-1 app-no-ssm-permission uncovered not-managed",
            "app-prod us-east-1 app-online covered -",
            "dev eu-west-1 dev-agent-absent uncovered not-managed",
            "dev eu-west-1 dev-inactive uncovered ping-lost",
            "dev eu-west-1 dev-online covered -",
            "management us-east-1 mgmt-bastion excluded management-account",
            "sandbox us-east-1 sandbox-online uncovered account-not-targeted",
            "web-prod eu-west-1 web-eu-failed covered -",
            "web-prod eu-west-1 web-eu-windows covered -",
            "web-prod us-east-1 web-lost uncovered ping-lost",
            "web-prod us-east-1 web-no-profile uncovered not-managed",
            "web-prod us-east-1 web-online covered -",
        ])
        #expect(report.coverage.totals == CoverageTotals(instances: 13, covered: 5, uncovered: 7, excluded: 1))
        #expect(report.status == .fail)
        #expect(report.organization.managementAccountId == org.ids.managementAccountId)
    }

    /// Every result and instance of an account carries the account's name and OU path (names from below the root,
    /// empty at the root); results about the organization carry neither; the report names the run's home region. The
    /// emulator names the management account `master`, as moto does.
    @Test func resultsAndInstancesNameTheirAccountAndOU() async throws {
        let org = try await organization()
        let report = try await org.run(phase: .pre, regions: ["us-east-1"])
        let paths = ["management": "", "web-prod": "Production/Web", "app-prod": "Production", "dev": "Dev", "sandbox": ""]
        func name(_ id: String) -> String { org.accountName(id) == "management" ? "master" : org.accountName(id) }
        let accounts = Set(report.results.compactMap(\.accountId)).union(report.coverage.instances.map(\.accountId))
        #expect(Set(accounts.map(org.accountName)) == Set(paths.keys))
        for result in report.results {
            guard let id = result.accountId else {
                #expect(result.accountName == nil && result.ouPath == nil, "\(result.ruleId)")
                continue
            }
            #expect(result.accountName == name(id), "\(result.ruleId) \(id)")
            #expect(result.ouPath == paths[org.accountName(id)], "\(result.ruleId) \(id)")
        }
        #expect(!report.coverage.instances.isEmpty)
        for instance in report.coverage.instances {
            #expect(instance.accountName == name(instance.accountId))
            #expect(instance.ouPath == paths[org.accountName(instance.accountId)])
        }
        #expect(report.homeRegion == "us-east-1")
    }

    @Test func defaultRegionsAreEveryEnabledRegion() async throws {
        let org = try await organization()
        let report = try await org.run(phase: .pre, deployerArn: org.ids.roles["management/C1WSDeployer"], accounts: [AccountID(rawValue: org.ids.accounts["app-prod"]!)!])
        #expect(org.lines(report, rule: "target-regions") == ["target-regions warn app-prod af-south-1 app-cape-town"])
        #expect(report.coverage.instances.count == 3)
    }

    @Test func withoutParametersTheParameterRuleIsSkipped() async throws {
        let org = try await organization()
        let report = try await org.run(phase: .pre, deployerArn: org.ids.roles["management/C1WSDeployer"], regions: ["us-east-1"])
        #expect(org.lines(report, rule: "deployment-parameters") == ["deployment-parameters skip - - -"])
    }

    @Test func unknownAccountIsAnError() async throws {
        let org = try await organization()
        let report = try await org.run(phase: .pre, regions: ["us-east-1"], accounts: ["999999999999"])
        let targets = report.results.filter { $0.ruleId == "target-accounts" }
        #expect(targets.map(\.status) == [.error])
        #expect(report.results.allSatisfy { $0.status != .pass || !["ssm-agent", "target-accounts"].contains($0.ruleId) })
    }
}
