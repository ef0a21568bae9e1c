import AWSCore
import AWSServices

/// `stackset-instances`: the StackSet has a CURRENT stack instance in every targeted account and region, whose
/// last operation did not fail, get cancelled or leave it inoperable.
struct StackSetInstancesCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "stackset-instances"
    static let summary = "The StackSet has a CURRENT stack instance for every targeted account and deployment region, none "
        + "FAILED, CANCELLED or INOPERABLE."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackInstances", in: .management),
    ]

    /// The detailed statuses of a stack instance whose last operation did not succeed.
    static let failedDetailedStatuses: Set<String> = ["FAILED", "CANCELLED", "INOPERABLE"]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let name = context.options.deployment.stackSetName
        let instances: [CloudFormation.StackInstance]
        do throws(AuditError) {
            instances = try await context.stacks.stackInstances()
        } catch where error.code == "StackSetNotFoundException" {
            return [rule.finding("StackSet \(name) does not exist", resource: name)]
        } catch {
            return [rule.error(error, resource: name)]
        }
        let accounts = try await context.targetedAccounts()
        let regions = context.deploymentRegions
        let byKey = Dictionary(instances.map { ("\($0.account)/\($0.region)", $0) }, uniquingKeysWith: { first, _ in first })
        var results: [CheckResult] = []
        for account in accounts {
            var current = 0
            for region in regions {
                guard let instance = byKey[AccountRegion(account.id, region).description] else {
                    results.append(rule.finding(
                        "StackSet \(name) has no stack instance in \(account.id) \(region)", account: account.id, region: region,
                        resource: name))
                    continue
                }
                let detailed = instance.detailedStatus.flatMap { Self.failedDetailedStatuses.contains($0) ? $0 : nil }
                if instance.status == "CURRENT", detailed == nil {
                    current += 1
                } else {
                    var evidence: [String: JSONValue] = [
                        "status": .string(instance.status), "statusReason": .string(instance.statusReason ?? ""),
                    ]
                    if let detailed = instance.detailedStatus { evidence["detailedStatus"] = .string(detailed) }
                    let status = detailed.map { "\(instance.status) (\($0))" } ?? instance.status
                    results.append(rule.finding(
                        "stack instance in \(account.id) \(region) is \(status): \(instance.statusReason ?? "no reason given")",
                        account: account.id, region: region, resource: name, evidence: evidence))
                }
            }
            if current == regions.count {
                results.append(rule.result(.pass, "\(current) stack instances are CURRENT", account: account.id, resource: name))
            }
        }
        return results
    }
}
