import EmulatorSupport
import Foundation
import Testing

@testable import PreflightEngine

/// What `preflight rules explain` says Preflight calls for a rule is what it calls: each rule runs alone, with
/// nothing memoized, against its own emulator, and every operation the emulator receives must be the inventory
/// every run reads or one of the rule's declared permissions, in the declared account (management or member). Every
/// declared permission must be used, and published in the auditor's policy of rules/iam/.
@Suite(.serialized) struct AuditorPermissionsTests {
    /// What every run reads whatever its rules: the caller, the organization's tree, the member roles, the regions.
    static let inventory: Set<String> = [
        "sts:GetCallerIdentity@management", "organizations:DescribeOrganization@management",
        "organizations:ListRoots@management", "organizations:ListOrganizationalUnitsForParent@management",
        "organizations:ListAccountsForParent@management", "sts:AssumeRole@management",
        "ec2:DescribeRegions@management", "ec2:DescribeRegions@member",
    ]

    /// Declared permissions the sample organizations do not exercise, and why.
    static let conditional: Set<String> = [
        // Only with AccountAdminStatus=DELEGATED_ADMIN.
        "organizations:ListDelegatedAdministrators@management",
        // Only when the deployer is the caller's own role session (no --deployer-arn).
        "iam:GetRole@management",
        // Only without --regions: these runs name their regions to stay fast.
        "ec2:DescribeRegions@management", "ec2:DescribeRegions@member",
        // Only when the deployment's regions include an opt-in one (a --template that adds it; the shipped 16 are
        // enabled by default): OptInRegionsTests exercise it.
        "account:GetRegionOptStatus@management",
        // Only when the organization has at least as many SCPs as nodes (root, OUs, accounts): SCPs are then read
        // node by node.
        "organizations:ListPoliciesForTarget@management",
        // Only for a delegated administrator's API key secret audited from the management account:
        // SecretAccessPrePhaseTests exercise it.
        "secretsmanager:DescribeSecret@member", "secretsmanager:GetResourcePolicy@member", "kms:DescribeKey@member",
        "kms:GetKeyPolicy@member",
        // Only when the management account has a running instance SSM does not manage or lost (the sample's is
        // managed and online): InstanceDiagnosisTests cover the diagnosis's reads in member accounts.
        "ec2:DescribeIamInstanceProfileAssociations@management", "ssm:GetServiceSetting@management",
        "iam:GetInstanceProfile@management",
    ]

    static let scenarios: [(Phase, String)] = [
        (.pre, "Tests/Emulator/scenarios/sample-org.yaml"), (.post, "Tests/Emulator/scenarios/sample-org-deployed.yaml"),
        // A failed stack (its events are read) and drifted stack instances (their drifted resources are listed).
        (.post, "Tests/Emulator/scenarios/sample-org-failed-stack.yaml"),
        (.post, "Tests/Emulator/scenarios/sample-org-stackset-failed.yaml"),
    ]

    @Test func eachRuleCallsOnlyWhatItDeclares() async throws {
        var used: Set<String> = []
        var declaredByRule: [String: Set<String>] = [:]
        for (phase, scenario) in Self.scenarios {
            let organization = try ScenarioOrganization(scenario: scenario)
            let management = organization.ids.managementAccountId
            let rules = try RuleLoader().loadRuleSet(directory: ScenarioOrganization.rulesDirectory).rules
            for rule in rules where rule.phases.contains(phase) {
                let (context, _) = try organization.context(
                    phase: phase, parameters: try organization.sampleParameters(),
                    deployerArn: organization.ids.roles["management/C1WSDeployer"],
                    regions: ["us-east-1", "eu-west-1", "af-south-1"])
                try organization.emulator.resetCalls()
                _ = await rule.run(in: context)
                let declared = Set(rule.auditorPermissions.map { "\($0.action)@\($0.scope.rawValue)" })
                declaredByRule[rule.id] = declared
                let calls = Set(try organization.emulator.callLog().compactMap { call -> String? in
                    // The IAM action that authorizes the call (`s3:GetObject` for S3's HeadObject).
                    guard let action = call["action"] as? String else { return nil }
                    let scope = call["accountId"] as? String == management ? "management" : "member"
                    return "\(action)@\(scope)"
                })
                let undeclared = calls.subtracting(declared).subtracting(Self.inventory)
                #expect(undeclared.isEmpty, "\(phase) \(rule.id) calls \(undeclared.sorted()) but does not declare them")
                used.formUnion(calls.intersection(declared))
            }
        }
        for (rule, declared) in declaredByRule.sorted(by: { $0.key < $1.key }) {
            let unused = declared.subtracting(used).subtracting(Self.conditional)
            #expect(unused.isEmpty, "\(rule) declares \(unused.sorted()) but no run of it called them")
        }
    }

    @Test func everyDeclaredPermissionIsInThePublishedPolicy() throws {
        let published = try [AuditorPermission.Scope.management: "preflight-management.json", .member: "preflight-member.json"]
            .mapValues { try Self.actions(inPolicy: $0) }
        let rules = try RuleLoader().loadRuleSet(directory: ScenarioOrganization.rulesDirectory).rules
        for rule in rules {
            for permission in rule.auditorPermissions {
                #expect(
                    published[permission.scope]?.contains(permission.action) == true,
                    "\(rule.id): \(permission.action) (\(permission.scope.rawValue)) is not in rules/iam/")
            }
        }
    }

    /// The actions of a policy file of rules/iam/.
    static func actions(inPolicy file: String) throws -> Set<String> {
        let url = ScenarioOrganization.rulesDirectory.appendingPathComponent("iam").appendingPathComponent(file)
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let statements = document?["Statement"] as? [[String: Any]] ?? []
        return Set(statements.flatMap { statement -> [String] in
            if let one = statement["Action"] as? String { return [one] }
            return statement["Action"] as? [String] ?? []
        })
    }
}
