import Foundation
import Testing

@testable import PreflightEngine

@Suite struct RuleLoaderTests {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("rules")

    @Test func loadsTheBundledRules() throws {
        let set = try RuleLoader().loadRuleSet(directory: Self.rulesDirectory)
        let ids = Set(set.rules.map(\.id))
        #expect(ids == [
            "deployment-parameters", "caller-account", "stacksets-trusted-access", "deployer-permissions",
            "deployer-permissions-template", "lambda-permissions", "lambda-secret-access", "lambda-runtime", "target-accounts",
            "management-account-exclusion", "existing-resources", "ssm-agent", "target-regions", "stack-status", "stackset-instances", "ssm-parameters",
            "ssm-association", "agent-coverage", "workload-security-api", "workload-security-parameters",
            "workload-security-agents", "workload-security-unmanaged", "stackset-operations", "stackset-auto-deployment",
            "stackset-drift", "deployment-staging", "stackset-quotas", "opt-in-regions", "stackset-execution-scp",
            "workload-security-network",
        ])
        #expect(set.deployment.staging.templateURLs.count == 2)
        #expect(set.deployment.staging.parameterDefaults["QSS3KeyPrefix"] == "cfn-abi-trend-cloudone/")
        #expect(set.deployment.regions.count == 16)
        #expect(set.deployment.association.name == "TrendCloudOneWorkloadSecurityAssociation")
        #expect(set.rule(id: "deployer-permissions-template")?.severity == .warn)
    }

    @Test(arguments: [
        ("id: x\ntitle: t\nseverity: fatal\nphases: [pre]\nkind: caller-account\nwhy: w\n", 3, "'severity' is 'fatal'"),
        ("id: x\ntitle: t\nseverity: fail\nphases: [pre]\nkind: nope\nwhy: w\n", 5, "unknown check kind 'nope'"),
        ("id: x\ntitle: t\nseverity: fail\nphases: [during]\nkind: caller-account\nwhy: w\n", 4, "'phases' has 'during'"),
        ("id: x\ntitle: t\nseverity: fail\nphases: [pre]\nkind: caller-account\nwhy: w\ncolour: red\n", 7, "unknown key 'colour'"),
        ("id: x\ntitle: t\nseverity: fail\nphases: [pre]\nkind: principal-permissions\nwhy: w\ndata:\n  actions: 3\n", 8, "actions"),
        ("id: x\ntitle: t\nseverity: fail\nphases: [pre]\nkind: principal-permissions\nwhy: w\ndata:\n  resources: {}\n", 8, "actions"),
        ("id: x\ntitle: [unclosed\n", 3, "invalid YAML"),
        ("id: x\ntitle: t\nseverity: fail\nphases: [pre]\nkind: principal-permissions\nwhy: w\ndata:\n  actions: []\n  resource: {}\n", 9, "unknown key 'resource'"),
        ("id: Bad_Id\ntitle: t\nseverity: fail\nphases: [pre]\nkind: caller-account\nwhy: w\n", 1, "lowercase"),
        ("title: t\nseverity: fail\nphases: [pre]\nkind: caller-account\nwhy: w\n", 1, "missing required key 'id'"),
        ("id: x\ntitle: \"é\"\nwhy: a\u{7}b\n", 3, "invalid YAML: control characters are not allowed (U+7)"),
        ("id: x\ntitle: t\nseverity: fail\nphases: [pre]\nkind: lambda-runtime\nwhy: w\ndata:\n  source: s\n  readOn: '2026-11-30'\n  runtimes:\n    - {name: python3.9, blockCreate: '2027-02-30'}\n", 11, "'runtimes[0].blockCreate': '2027-02-30' is not a date (expected YYYY-MM-DD)"),
    ])
    func rejectsBadRuleFilesWithLine(_ text: String, _ line: Int, _ fragment: String) {
        #expect {
            try RuleLoader().parse(text, file: "rules/x.yaml")
        } throws: { error in
            guard let error = error as? RuleLoadError else { return false }
            return error.file == "rules/x.yaml" && error.line == line && error.message.contains(fragment)
                && !error.description.contains("\n")
        }
    }

    /// A region in rule data is one label of every endpoint's host name: anything else is refused at load time,
    /// with its line, before any request is signed for it.
    @Test func aHostileRegionInTheDeploymentModelIsRefusedWithItsLine() throws {
        let text = try String(contentsOf: Self.rulesDirectory.appendingPathComponent("deployment.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  - us-east-2\n", with: "  - a@127.0.0.1:18443/\n")
        let line = text.components(separatedBy: "\n").firstIndex(of: "  - a@127.0.0.1:18443/")! + 1
        #expect {
            try RuleLoader().parseDeployment(text, file: "rules/deployment.yaml")
        } throws: { error in
            guard let error = error as? RuleLoadError else { return false }
            return error.line == line && error.message.contains("'a@127.0.0.1:18443/' is not a region name")
        }
    }
}
