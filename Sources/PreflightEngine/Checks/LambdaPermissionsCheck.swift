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

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let caller = try await context.principals.caller()
        let placeholders = Placeholders(
            partition: caller.partition, account: caller.account.rawValue, region: context.options.homeRegion,
            parameters: await context.stacks.effectiveParameters())
        let requested = configuration.permissions.map { permission in
            let resolved = placeholders.substitute(permission.resource)
            return (action: permission.action, resource: resolved.text, unresolved: resolved.unresolved)
        }
        let roleArn: String?
        if let given = context.options.lambdaRoleArn {
            roleArn = given
        } else if context.options.phase == .post {
            do throws(AuditError) {
                roleArn = try await context.stacks.deployedLambdaRoleArn()
            } catch {
                return requested.map { rule.error(error, resource: $0.action) }
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
            let principal = roleArn ?? "template:\(context.options.deployment.lambdaRoleLogicalId)"
            do throws(AuditError) {
                let evaluations: [IAM.EvaluationResult]
                if let roleArn {
                    evaluations = try await context.principals.simulate(
                        principal: roleArn, actions: [request.action], resources: [request.resource])
                } else {
                    evaluations = try await context.principals.simulate(
                        policies: context.options.deployment.lambdaPolicies.map { placeholders.substitute($0).text },
                        actions: [request.action], resources: [request.resource])
                }
                results += PermissionEvidence.results(
                    rule: rule, principal: principal, evaluations: evaluations,
                    requested: [(action: request.action, resource: request.resource)])
            } catch {
                results.append(rule.error(error, resource: request.action))
            }
        }
        return results
    }
}
