import AWSCore
import AWSServices

/// `stackset-instances`: the StackSet has a CURRENT stack instance in every targeted account and region.
struct StackSetInstancesCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "stackset-instances"
    static let summary = "The StackSet has a CURRENT stack instance for every targeted account and deployment region."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackInstances", in: .management),
    ]

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
                if instance.status == "CURRENT" {
                    current += 1
                } else {
                    results.append(rule.finding(
                        "stack instance in \(account.id) \(region) is \(instance.status): \(instance.statusReason ?? "no reason given")",
                        account: account.id, region: region, resource: name,
                        evidence: ["status": .string(instance.status), "statusReason": .string(instance.statusReason ?? "")]))
                }
            }
            if current == regions.count {
                results.append(rule.result(.pass, "\(current) stack instances are CURRENT", account: account.id, resource: name))
            }
        }
        return results
    }
}
