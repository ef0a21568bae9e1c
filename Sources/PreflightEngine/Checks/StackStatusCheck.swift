import AWSCore
import AWSServices
import Foundation

/// `stack-status`: the deployment's stack and its nested stacks finished creating or updating; a stack that did
/// not is explained by the first failure of its newest deployment, and by the rule that would have caught it.
struct StackStatusCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        var healthyStatuses: [String]
        /// The pre-deployment rules that catch a failure, by what its status reason says; the first match names it.
        var preventedBy: [Prevention]?
    }

    /// A rule that would have caught a failure before deployment, when the failure's reason contains any of
    /// `reasonContains` (case-insensitive).
    struct Prevention: Decodable, Sendable, Equatable {
        var rule: String
        var reasonContains: [String]

        func matches(_ event: CloudFormation.StackEvent) -> Bool {
            let reason = event.resourceStatusReason ?? ""
            return reasonContains.contains { reason.range(of: $0, options: .caseInsensitive) != nil }
        }
    }

    static let name = "stack-status"
    static let summary = "The deployment's stack and its nested stacks are in a healthy status; a failed one is explained by "
        + "its first failed event."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackResources", in: .management),
        AuditorPermission("cloudformation:DescribeStackEvents", in: .management),
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
        let parameters = await context.stacks.effectiveParameters().values
        let secrets = parameters.filter { DeploymentParameters.secretKeys.contains($0.key) }.map(\.value.value)
        var results: [CheckResult] = []
        for entry in stacks {
            let stack = entry.stack
            if configuration.healthyStatuses.contains(stack.stackStatus) {
                results.append(rule.result(
                    .pass, "stack \(stack.stackName) is \(stack.stackStatus)", resource: stack.stackName,
                    evidence: ["status": .string(stack.stackStatus)]))
                continue
            }
            let events = await AuditError.catching { () async throws(AuditError) in
                try await context.stacks.latestDeploymentEvents(of: stack.stackId ?? stack.stackName)
            }
            results.append(finding(rule: rule, entry: entry, events: events, secrets: secrets))
        }
        return results
    }

    /// The finding for an unhealthy stack: its first failed event when the events could be read, else its first
    /// failed resource or its status reason.
    func finding(
        rule: Rule, entry: DeployedStack, events: Result<[CloudFormation.StackEvent], AuditError>, secrets: [String]
    ) -> CheckResult {
        let stack = entry.stack
        var evidence: [String: JSONValue] = ["status": .string(stack.stackStatus)]
        let redact = { (text: String?) in ErrorMessageRedaction.redact(text ?? "no reason given", secrets: secrets) }
        var reason = stack.stackStatusReason.map { ": \(redact($0))" } ?? ""
        var remediation: String?
        switch events {
        case .success(let events):
            if let failed = Self.firstFailure(in: events) {
                let resource = failed.logicalResourceId ?? failed.stackName
                evidence["failedResource"] = .string(resource)
                evidence["failedResourceReason"] = .string(redact(failed.resourceStatusReason))
                evidence["failedEvent"] = .object([
                    "logicalResourceId": .string(resource), "resourceType": .string(failed.resourceType ?? ""),
                    "resourceStatus": .string(failed.resourceStatus ?? ""),
                    "timestamp": .string(ISO8601DateFormatter().string(from: failed.timestamp)),
                ])
                reason = ": \(resource) \(failed.resourceStatus ?? ""): \(redact(failed.resourceStatusReason))"
                if let prevention = (configuration.preventedBy ?? []).first(where: { $0.matches(failed) }) {
                    evidence["preventedBy"] = .string(prevention.rule)
                    reason += " (the pre-deployment rule \(prevention.rule) catches this)"
                    remediation = "Before re-deploying, run `preflight check --phase pre --parameters …` and fix what rule "
                        + "\(prevention.rule) reports (`preflight rules explain \(prevention.rule)`)."
                }
            } else {
                reason = resourceReason(entry, redact: redact) ?? reason
            }
        case .failure(let error):
            evidence["eventsError"] = .string(error.message)
            reason = resourceReason(entry, redact: redact) ?? reason
        }
        return rule.finding(
            "stack \(stack.stackName) is \(stack.stackStatus)\(reason)", resource: stack.stackName, evidence: evidence,
            remediation: remediation)
    }

    /// The first failed resource of the stack's resource list, as a message suffix.
    private func resourceReason(_ entry: DeployedStack, redact: (String?) -> String) -> String? {
        entry.resources.first { $0.resourceStatus.hasSuffix("FAILED") }
            .map { ": \($0.logicalResourceId) \($0.resourceStatus): \(redact($0.resourceStatusReason))" }
    }

    /// The earliest `*_FAILED` event of a deployment's events (given newest first).
    static func firstFailure(in events: [CloudFormation.StackEvent]) -> CloudFormation.StackEvent? {
        events.last { $0.resourceStatus?.hasSuffix("_FAILED") == true }
    }
}
