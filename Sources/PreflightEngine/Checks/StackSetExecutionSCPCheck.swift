import AWSCore
import PolicyEvaluation

/// `stackset-execution-scp`: the SCPs of each targeted account let the StackSet's execution role create the stack
/// instance in each of the deployment's regions. The IAM simulator cannot test SCPs with global condition keys
/// (`aws:RequestedRegion`, `aws:PrincipalArn`), so they are evaluated locally, root → OU → account.
struct StackSetExecutionSCPCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// CloudFormation's own actions to create the stack instance.
        var stackActions: [String]
        /// The actions that create each resource type of the StackSet's template (not its delete or rollback).
        var resourceActions: [String: [String]]
        /// Condition keys whose value this check cannot know (a condition on one makes the decision unknown).
        var unknownKeys: [String]
    }

    static let name = "stackset-execution-scp"
    static let summary =
        "The SCPs of every targeted account allow the StackSet's execution role (stacksets-exec-*) to create the "
        + "stack instance in each deployment region, evaluated locally with aws:RequestedRegion and aws:PrincipalArn."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("organizations:ListPolicies", in: .management),
        AuditorPermission("organizations:DescribePolicy", in: .management),
        AuditorPermission("organizations:ListTargetsForPolicy", in: .management),
        AuditorPermission("organizations:ListPoliciesForTarget", in: .management),
    ]
    /// The execution role as StackSets names it: `stacksets-exec-` and 32 hex digits (which are the StackSet's).
    static let executionRolePrefix = "stacksets-exec-"

    let configuration: Configuration

    init(configuration: Configuration) { self.configuration = configuration }

    /// What the StackSet does in an account and region: an action on a resource.
    struct Step: Sendable {
        var action: String
        var resource: String
    }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let snapshot = try await context.organization.organization()
        let accounts = try await context.targetedAccounts()
        let policies = try await context.organization.serviceControlPolicies()
        let partition = try await context.principals.caller().partition
        let regions = context.deploymentRegions
        let deployment = context.options.deployment
        let unknownKeys = Set(configuration.unknownKeys)
        var actions: [String] = []
        for step in steps(deployment: deployment, partition: partition, account: "", region: "") where !actions.contains(step.action) {
            actions.append(step.action)
        }
        var results: [CheckResult] = []
        for account in accounts {
            let levels = policies.levels(of: account)
            let role = "arn:\(partition):iam::\(account.id):role/\(Self.executionRolePrefix)\(String(repeating: "0", count: 32))"
            let principalKeys: [String: [String]] = [
                "aws:PrincipalArn": [role], "aws:PrincipalAccount": [account.id.rawValue], "aws:PrincipalOrgID": [snapshot.id],
                "aws:PrincipalOrgPaths": [snapshot.organizationPath(of: account)],
                "aws:PrincipalType": ["AssumedRole"],
            ]
            var denied: [CheckResult] = []
            for region in regions {
                var keys = principalKeys
                keys["aws:RequestedRegion"] = [region.rawValue]
                for step in steps(deployment: deployment, partition: partition, account: account.id.rawValue, region: region.rawValue) {
                    let request = RequestContext(
                        action: step.action, resource: step.resource, principalArn: role, keys: keys, unknownKeys: unknownKeys)
                    if let result = Self.result(
                        rule: rule, evaluation: PolicyEvaluator.evaluateSCPs(levels, request), step: step, account: account,
                        region: region, levels: levels)
                    {
                        denied.append(result)
                        break
                    }
                }
            }
            if denied.isEmpty {
                results.append(rule.result(
                    .pass,
                    "the SCPs allow the execution role \(actions.count) actions of creating the stack instance in \(regions.count) regions",
                    account: account.id, evidence: ["evaluatedBy": "local", "actions": .array(actions.map { .string($0) })]))
            }
            results += denied
        }
        return results
    }

    /// The StackSet's steps in `account` × `region`: CloudFormation's own, then each resource type's.
    func steps(deployment: DeploymentModel, partition: String, account: String, region: String) -> [Step] {
        var steps = configuration.stackActions.map {
            Step(action: $0, resource: "arn:\(partition):cloudformation:\(region):\(account):stack/StackSet-\(deployment.stackSetName)-*/*")
        }
        for name in deployment.parameters.map(\.name) {
            for action in configuration.resourceActions["AWS::SSM::Parameter"] ?? [] {
                steps.append(Step(action: action, resource: "arn:\(partition):ssm:\(region):\(account):parameter/\(name)"))
            }
        }
        for action in configuration.resourceActions["AWS::SSM::Association"] ?? [] {
            steps.append(Step(action: action, resource: "*"))
        }
        return steps
    }

    /// The result of a step the SCPs do not allow, nil when they do.
    static func result(
        rule: Rule, evaluation: Evaluation, step: Step, account: OrganizationAccount, region: Region, levels: [[NamedPolicy]]
    ) -> CheckResult? {
        let consequence =
            "the StackSet operation fails in \(region) and, with FailureTolerancePercentage 0, stops there for all accounts"
        var evidence: [String: JSONValue] = [
            "action": .string(step.action), "region": .string(region.rawValue), "evaluatedBy": "local",
        ]
        switch evaluation.decision {
        case .allowed:
            return nil
        case .unknown(let reason):
            return rule.result(
                .error, "the SCPs' decision on \(step.action) in \(region) is unknown: \(reason)",
                account: account.id, region: region, evidence: evidence)
        case .explicitDeny where !evaluation.denyingStatements.isEmpty:
            let first = evaluation.denyingStatements[0]
            evidence["policyId"] = .string(first.policyId)
            evidence["policyName"] = .string(first.policyName)
            if let sid = first.sid { evidence["statementSid"] = .string(sid) }
            var names: [String] = []
            for statement in evaluation.denyingStatements where !names.contains(statement.policyName) { names.append(statement.policyName) }
            evidence["deniedBy"] = .array(names.map { .string($0) })
            let statement = first.sid.map { " (statement \($0))" } ?? ""
            return rule.finding(
                "the SCP \(first.policyName)\(statement) denies \(step.action) to the StackSet's execution role in \(region): \(consequence)",
                account: account.id, region: region, evidence: evidence,
                remediation: "Exempt the execution role in \(first.policyName): add \"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/\(executionRolePrefix)*\"} to the Condition of its Deny statement\(statement), or remove \(region) from the deployment's regions.")
        case .explicitDeny, .implicitDeny:
            let level = evaluation.notAllowedAtLevel ?? 0
            let node = level == 0 ? "the root" : level <= account.organizationalUnitPath.count
                ? "OU \(account.organizationalUnitPath[level - 1])" : "the account"
            let names = level < levels.count ? levels[level].map(\.name) : []
            evidence["deniedBy"] = .array(names.map { .string($0) })
            if let policy = levels.indices.contains(level) ? levels[level].first : nil {
                evidence["policyId"] = .string(policy.id)
                evidence["policyName"] = .string(policy.name)
            }
            return rule.finding(
                "no SCP attached to \(node) allows \(step.action) to the StackSet's execution role in \(region): \(consequence)",
                account: account.id, region: region, evidence: evidence,
                remediation: "Attach an SCP that allows \(step.action) to \(node) (FullAWSAccess, or an Allow list that includes it), or remove \(region) from the deployment's regions.")
        }
    }
}
