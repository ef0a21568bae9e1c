import AWSCore
import AWSServices
import Foundation

/// `stackset-drift`: the StackSet's last drift detection is recent and found every stack instance in sync. Preflight
/// never starts a drift detection (it is not a read): when none has run, the result says so and how to start one.
struct StackSetDriftCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// A drift detection older than this many days is reported as stale.
        var maxAgeDays: Int
        /// At most this many drifted stack instances have their drifted resources listed (one call each).
        var maxInstancesDetailed: Int
    }

    static let name = "stackset-drift"
    static let summary = "The StackSet's last drift detection is recent and found no drifted or failed stack instance; "
        + "drifted resources are listed."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:DescribeStackSet", in: .management),
        AuditorPermission("cloudformation:ListStackInstances", in: .management),
        AuditorPermission("cloudformation:ListStackSetOperations", in: .management),
        AuditorPermission("cloudformation:ListStackInstanceResourceDrifts", in: .management),
    ]
    let configuration: Configuration

    init(configuration: Configuration) {
        self.configuration = configuration
    }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let name = context.options.deployment.stackSetName
        let stackSet: CloudFormation.StackSet
        do throws(AuditError) {
            stackSet = try await context.stacks.describeStackSet()
        } catch where error.code == "StackSetNotFoundException" {
            return [rule.finding("StackSet \(name) does not exist", resource: name)]
        } catch {
            return [rule.error(error, resource: name)]
        }
        let callAs = await context.stacks.effectiveParameters().accountAdminStatus
        let command = "aws cloudformation detect-stack-set-drift --stack-set-name \(name) --call-as \(callAs)"
        guard let details = stackSet.driftDetectionDetails, let checked = details.lastDriftCheckTimestamp else {
            return [rule.finding(
                "no drift detection has run on StackSet \(name); Preflight does not start one (it is not a read)",
                resource: name, evidence: ["driftStatus": .string(stackSet.driftDetectionDetails?.driftStatus ?? "NOT_CHECKED")],
                remediation: "Start one: `\(command)`, then run Preflight again when it has finished.")]
        }
        let age = max(0, Int(context.options.now.timeIntervalSince(checked) / 86_400))
        var evidence: [String: JSONValue] = [
            "driftStatus": .string(details.driftStatus ?? ""),
            "driftDetectionStatus": .string(details.driftDetectionStatus ?? ""),
            "lastDriftCheckTimestamp": .string(ISO8601DateFormatter().string(from: checked)), "ageDays": .number(Double(age)),
        ]
        if details.driftDetectionStatus == "IN_PROGRESS" {
            return [rule.result(
                .skip, "a drift detection of StackSet \(name) is in progress: run again when it has finished",
                resource: name, evidence: evidence)]
        }
        let instances: [CloudFormation.StackInstance]
        do throws(AuditError) {
            instances = try await context.stacks.stackInstances()
        } catch {
            return [rule.error(error, resource: name)]
        }
        var results: [CheckResult] = []
        let drifted = instances.filter { $0.driftStatus == "DRIFTED" }
        let failed = instances.filter { $0.driftStatus == "UNKNOWN" }
        if !drifted.isEmpty {
            results += await driftFindings(rule: rule, context: context, drifted: drifted, stackSet: name)
        }
        for instance in failed {
            results.append(rule.finding(
                "drift detection failed for the stack instance in \(instance.account) \(instance.region): "
                    + (instance.statusReason ?? "no reason given"),
                account: AccountID(rawValue: instance.account), region: Region(rawValue: instance.region), resource: name,
                evidence: ["driftStatus": .string("UNKNOWN")], remediation: "Run it again: `\(command)`."))
        }
        let unfinished = ["FAILED", "PARTIAL_SUCCESS", "STOPPED"].contains(details.driftDetectionStatus ?? "")
        if failed.isEmpty, unfinished {
            results.append(rule.finding(
                "the last drift detection of StackSet \(name) is \(details.driftDetectionStatus ?? ""): "
                    + "\(details.failedStackInstancesCount ?? 0) stack instances failed",
                resource: name, evidence: evidence, remediation: "Run it again: `\(command)`."))
        }
        if details.driftStatus == "DRIFTED", drifted.isEmpty {
            results.append(rule.finding(
                "StackSet \(name) is DRIFTED: \(details.driftedStackInstancesCount ?? 0) stack instances drifted", resource: name,
                evidence: evidence))
        }
        if age > configuration.maxAgeDays {
            evidence["maxAgeDays"] = .number(Double(configuration.maxAgeDays))
            results.append(rule.finding(
                "the last drift detection of StackSet \(name) is \(age) days old (more than \(configuration.maxAgeDays))",
                resource: name, evidence: evidence, remediation: "Run a new one: `\(command)`."))
        }
        if results.isEmpty {
            guard details.driftStatus == "IN_SYNC" else {
                return [rule.error(
                    AuditError(
                        message: "StackSet \(name)'s last drift detection has the drift status \(details.driftStatus ?? "none")"),
                    resource: name)]
            }
            results.append(rule.result(
                .pass, "the last drift detection of StackSet \(name), \(age) days ago, found every stack instance IN_SYNC",
                resource: name, evidence: evidence))
        }
        return results
    }

    /// One finding per drifted stack instance, the first `maxInstancesDetailed` with their drifted resources.
    func driftFindings(
        rule: Rule, context: AuditContext, drifted: [CloudFormation.StackInstance], stackSet: String
    ) async -> [CheckResult] {
        let operation = await AuditError.catching { () async throws(AuditError) in
            try await context.stacks.stackSetOperations().first { $0.action == "DETECT_DRIFT" }
        }
        var results: [CheckResult] = []
        for (index, instance) in drifted.enumerated() {
            let account = AccountID(rawValue: instance.account)
            let region = Region(rawValue: instance.region)
            var message = "the stack instance in \(instance.account) \(instance.region) has DRIFTED from the StackSet's template"
            var evidence: [String: JSONValue] = ["driftStatus": .string("DRIFTED")]
            switch operation {
            case .success(let found?) where index < configuration.maxInstancesDetailed:
                guard let account, let region else { break }
                do throws(AuditError) {
                    let resources = try await context.stacks.resourceDrifts(
                        of: AccountRegion(account, region), operationId: found.operationId)
                    evidence["driftedResources"] = .array(resources.map {
                        .object(["logicalResourceId": .string($0.logicalResourceId), "resourceType": .string($0.resourceType),
                                 "driftStatus": .string($0.driftStatus)])
                    })
                    if !resources.isEmpty {
                        message += ": " + resources.map { "\($0.logicalResourceId) \($0.driftStatus)" }.joined(separator: ", ")
                    }
                } catch {
                    evidence["resourceDriftsError"] = .string(error.message)
                }
            case .failure(let error):
                evidence["resourceDriftsError"] = .string(error.message)
            default:
                break
            }
            results.append(rule.finding(
                message, account: account, region: region, resource: stackSet, evidence: evidence,
                remediation: "Put the drifted resources back as the template defines them, or update the StackSet's "
                    + "instances (`aws cloudformation update-stack-instances`) to overwrite them."))
        }
        return results
    }
}
