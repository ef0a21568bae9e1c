import AWSServices

/// `lambda-permissions`: the custom-resource Lambda's role can read the API key secret, decrypt it and list the
/// organization's OUs. Before deployment the template's policies are simulated (`SimulateCustomPolicy`); with
/// `--lambda-role-arn`, or after deployment from the stack's resources, the real role is (`SimulatePrincipalPolicy`).
struct LambdaPermissionsCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        struct Permission: Decodable, Sendable {
            var action: String
            var resource: String
        }

        var permissions: [Permission]
    }

    static let name = "lambda-permissions"
    static let summary =
        "The custom-resource Lambda's permissions: the template's policies (SimulateCustomPolicy) before "
        + "deployment, the deployed role (SimulatePrincipalPolicy) after, one action at a time on its resource."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("iam:SimulateCustomPolicy", in: .management),
        AuditorPermission("iam:SimulatePrincipalPolicy", in: .management),
        AuditorPermission("iam:GetRole", in: .management),
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackResources", in: .management),
    ]
    let configuration: Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    var requiredPermissions: [Permission] {
        configuration.permissions.map { Permission(action: $0.action, resource: $0.resource) }
    }

    func run(rule: Rule, context: AuditContext) async -> [CheckResult] {
        let account: String?
        switch await context.callerIdentity() {
        case .failure(let error): return [rule.error(error)]
        case .success(let identity): account = identity.account
        }
        let parameters = await context.effectiveParameters()
        let requested = configuration.permissions.map { permission in
            let resolved = context.substitute(permission.resource, account: account, parameters: parameters)
            return (action: permission.action, resource: resolved.text, unresolved: resolved.unresolved)
        }
        let roleArn: String?
        if let given = context.options.lambdaRoleArn {
            roleArn = given
        } else if context.options.phase == .post {
            switch await context.deployedLambdaRoleArn() {
            case .failure(let error): return requested.map { rule.error(error, resource: $0.action) }
            case .success(let arn): roleArn = arn
            }
        } else {
            roleArn = nil
        }
        var results: [CheckResult] = []
        for request in requested {
            if !request.unresolved.isEmpty {
                results.append(rule.result(
                    .skip, "\(request.action) not checked: its resource needs parameter \(request.unresolved.joined(separator: ", ")) (give --parameters)",
                    resource: request.action))
                continue
            }
            let evaluation: Result<[IAM.EvaluationResult], AuditError>
            let principal: String
            if let roleArn {
                principal = roleArn
                evaluation = await context.simulate(
                    principal: roleArn, actions: [request.action], resources: [request.resource])
            } else {
                principal = "template:\(context.options.deployment.lambdaRoleLogicalId)"
                let policies = context.options.deployment.lambdaPolicies.map {
                    context.substitute($0, account: account, parameters: parameters).text
                }
                evaluation = await context.simulate(policies: policies, actions: [request.action], resources: [request.resource])
            }
            switch evaluation {
            case .failure(let error):
                results.append(rule.error(error, resource: request.action))
            case .success(let evaluations):
                results += PermissionEvidence.results(
                    rule: rule, principal: principal, evaluations: evaluations,
                    requested: [(action: request.action, resource: request.resource)])
            }
        }
        return results
    }
}
