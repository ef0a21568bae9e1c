/// `stack-status`: the deployment's stack and its nested stacks finished creating or updating.
struct StackStatusCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        var healthyStatuses: [String]
    }

    static let name = "stack-status"
    static let summary = "The deployment's stack and its nested stacks are in a healthy status."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackResources", in: .management),
    ]
    let configuration: Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let stacks: [DeployedStack]
        do throws(AuditError) {
            stacks = try await context.stacks.deployedStacks()
        } catch where error.code == "ValidationError" {
            return [rule.finding(error.message, resource: context.options.stackName)]
        } catch {
            return [rule.error(error, resource: context.options.stackName)]
        }
        return stacks.map { entry in
            let stack = entry.stack
            var evidence: [String: JSONValue] = ["status": .string(stack.stackStatus)]
            if configuration.healthyStatuses.contains(stack.stackStatus) {
                return rule.result(.pass, "stack \(stack.stackName) is \(stack.stackStatus)", resource: stack.stackName, evidence: evidence)
            }
            let failed = entry.resources.first { $0.resourceStatus.hasSuffix("FAILED") }
            if let failed {
                evidence["failedResource"] = .string(failed.logicalResourceId)
                evidence["failedResourceReason"] = .string(failed.resourceStatusReason ?? "")
            }
            let reason = failed.map { ": \($0.logicalResourceId) \($0.resourceStatus): \($0.resourceStatusReason ?? "no reason given")" }
                ?? stack.stackStatusReason.map { ": \($0)" } ?? ""
            return rule.finding("stack \(stack.stackName) is \(stack.stackStatus)\(reason)", resource: stack.stackName, evidence: evidence)
        }
    }
}
