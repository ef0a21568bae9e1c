import AWSCore
import AWSServices

/// `stackset-auto-deployment`: the StackSet deploys to accounts moved into its OUs, every account of its OUs has a
/// stack instance, and no OU of the root was created after the stack fixed the StackSet's OU list.
struct StackSetAutoDeploymentCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "stackset-auto-deployment"
    static let summary = "AutoDeployment is enabled, every account of the StackSet's OUs has a stack instance, and every OU "
        + "of the root is one of the StackSet's."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:DescribeStackSet", in: .management),
        AuditorPermission("cloudformation:ListStackInstances", in: .management),
    ]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let name = context.options.deployment.stackSetName
        let stackSet: CloudFormation.StackSet
        let instances: [CloudFormation.StackInstance]
        do throws(AuditError) {
            stackSet = try await context.stacks.describeStackSet()
            instances = try await context.stacks.stackInstances()
        } catch where error.code == "StackSetNotFoundException" {
            return [rule.finding("StackSet \(name) does not exist", resource: name)]
        } catch {
            return [rule.error(error, resource: name)]
        }
        let targets = Set(stackSet.organizationalUnitIds ?? [])
        guard !targets.isEmpty else {
            return [rule.error(AuditError(message: "DescribeStackSet gives StackSet \(name) no OrganizationalUnitIds"), resource: name)]
        }
        let accounts = try await context.organization.accountsInScope()
            .filter { !$0.isManagementAccount && $0.isActive && !$0.organizationalUnitPath.isEmpty }
        var results: [CheckResult] = []
        let enabled = stackSet.autoDeployment?.enabled == true
        let callAs = await context.stacks.effectiveParameters().accountAdminStatus
        let ouList: JSONValue = .array(targets.sorted().map(JSONValue.string))
        if !enabled {
            results.append(rule.result(
                .warn,
                "StackSet \(name) has AutoDeployment disabled: accounts moved into its OUs never get the parameters or "
                    + "the association",
                resource: name, evidence: ["autoDeployment": .bool(false), "organizationalUnitIds": ouList],
                remediation: "Enable it: `aws cloudformation update-stack-set --stack-set-name \(name) --use-previous-template "
                    + "--auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false --call-as \(callAs)`."))
        }
        let deployed = Set(instances.map(\.account))
        let placed = Self.place(accounts, targets: targets)
        for account in placed.covered where !deployed.contains(account.id.rawValue) {
            results.append(rule.finding(
                "account \(account.id) in OU \(account.ouPath) has no stack instance of StackSet \(name)",
                account: account.id, resource: name,
                evidence: [
                    "organizationalUnitPath": .array(account.organizationalUnitPath.map(JSONValue.string)),
                    "autoDeployment": .bool(enabled),
                ]))
        }
        let stackName = context.options.stackName
        for unit in placed.newUnits {
            let ids = unit.accounts.map(\.id.rawValue)
            results.append(rule.finding(
                "OU \(unit.name) (\(unit.id)) is not one of StackSet \(name)'s OUs (created after the stack \(stackName)): "
                    + "\(ids.count) accounts get no stack instance: \(ids.joined(separator: ", "))",
                resource: name,
                evidence: ["organizationalUnitId": .string(unit.id), "organizationalUnitName": .string(unit.name),
                           "accounts": .array(ids.map(JSONValue.string)), "organizationalUnitIds": ouList],
                remediation: "The stack's Lambda listed the OUs when the stack was created: update the stack \(stackName) "
                    + "(for example `aws cloudformation update-stack --stack-name \(stackName) --use-previous-template` with "
                    + "every parameter's previous value and a changed one, so that the custom resource runs again) to refresh "
                    + "the StackSet's OUs."))
        }
        if results.isEmpty {
            results.append(rule.result(
                .pass, "AutoDeployment is enabled and every account of the StackSet's \(targets.count) OUs has a stack instance",
                resource: name, evidence: ["autoDeployment": .bool(true), "organizationalUnitIds": ouList]))
        }
        return results
    }

    /// An OU below the root that the StackSet does not target, and its accounts.
    struct NewUnit: Equatable {
        var id: String
        var name: String
        var accounts: [OrganizationAccount]
    }

    /// The accounts in an OU of `targets` (or below one), and the top-level OUs none of whose accounts is.
    static func place(_ accounts: [OrganizationAccount], targets: Set<String>) -> (covered: [OrganizationAccount], newUnits: [NewUnit]) {
        var covered: [OrganizationAccount] = []
        var units: [NewUnit] = []
        for account in accounts {
            if account.organizationalUnitPath.contains(where: targets.contains) {
                covered.append(account)
                continue
            }
            let id = account.organizationalUnitPath[0]
            if let index = units.firstIndex(where: { $0.id == id }) {
                units[index].accounts.append(account)
            } else {
                units.append(NewUnit(id: id, name: account.organizationalUnitNames.first ?? id, accounts: [account]))
            }
        }
        return (covered, units)
    }
}
