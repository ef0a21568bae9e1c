import AWSCore
import AWSServices

/// `stackset-operations`: the StackSet's newest deployment operation succeeded; a failed or stopped one is
/// explained account × region by its results.
struct StackSetOperationsCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "stackset-operations"
    static let summary = "The StackSet's newest operation succeeded; for a FAILED or STOPPED one, every failed account and "
        + "region with its reason and account gate result."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("cloudformation:DescribeStacks", in: .management),
        AuditorPermission("cloudformation:ListStackSetOperations", in: .management),
        AuditorPermission("cloudformation:ListStackSetOperationResults", in: .management),
    ]

    /// Operation statuses whose results explain what failed.
    static let failedStatuses: Set<String> = ["FAILED", "STOPPED"]
    /// Operation statuses of an operation that has not ended.
    static let pendingStatuses: Set<String> = ["RUNNING", "QUEUED", "STOPPING"]

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let name = context.options.deployment.stackSetName
        let operations: [CloudFormation.StackSetOperation]
        do throws(AuditError) {
            operations = try await context.stacks.stackSetOperations()
        } catch where error.code == "StackSetNotFoundException" {
            return [rule.finding("StackSet \(name) does not exist", resource: name)]
        } catch {
            return [rule.error(error, resource: name)]
        }
        let recent: JSONValue = .array(operations.map(Self.evidence))
        guard let latest = operations.first(where: { $0.action != "DETECT_DRIFT" }) else {
            return [rule.result(
                .skip, "StackSet \(name) has no create, update or delete operation among its newest \(operations.count)",
                resource: name, evidence: ["operations": recent])]
        }
        let described = "\(latest.action ?? "operation") \(latest.operationId)"
        if latest.status == "SUCCEEDED" {
            return [rule.result(
                .pass, "the StackSet's newest operation (\(described)) SUCCEEDED", resource: name,
                evidence: ["operationId": .string(latest.operationId), "operations": recent])]
        }
        if Self.pendingStatuses.contains(latest.status) {
            return [rule.result(
                .warn, "the StackSet's newest operation (\(described)) is \(latest.status): run again when it has ended",
                resource: name, evidence: ["operationId": .string(latest.operationId), "operations": recent])]
        }
        guard Self.failedStatuses.contains(latest.status) else {
            return [rule.error(
                AuditError(message: "the StackSet's newest operation (\(described)) has the unknown status \(latest.status)"),
                resource: name)]
        }
        let results: [CloudFormation.StackSetOperationResult]
        do throws(AuditError) {
            results = try await context.stacks.stackSetOperationResults(operationId: latest.operationId)
        } catch {
            return [rule.error(error, resource: name)]
        }
        let failed = results.filter { $0.status != "SUCCEEDED" }
        guard !failed.isEmpty else {
            return [rule.finding(
                "the StackSet's newest operation (\(described)) is \(latest.status): \(latest.statusReason ?? "no reason given")",
                resource: name, evidence: ["operationId": .string(latest.operationId), "operations": recent])]
        }
        return failed.map { result in
            finding(rule: rule, result: result, operation: latest, described: described, stackSet: name)
        }
    }

    /// The finding for one account × region that did not succeed in `operation` (the account gate's result is in
    /// the message unless the gate was skipped, and always in the evidence).
    func finding(
        rule: Rule, result: CloudFormation.StackSetOperationResult, operation: CloudFormation.StackSetOperation,
        described: String, stackSet: String
    ) -> CheckResult {
        var evidence: [String: JSONValue] = [
            "operationId": .string(operation.operationId), "operationStatus": .string(operation.status),
            "status": .string(result.status), "statusReason": .string(result.statusReason ?? ""),
        ]
        var gate = ""
        if let accountGate = result.accountGateResult, let status = accountGate.status {
            evidence["accountGateResult"] = .object([
                "status": .string(status), "statusReason": .string(accountGate.statusReason ?? ""),
            ])
            if status != "SKIPPED" {
                gate = "; account gate \(status)" + (accountGate.statusReason.map { ": \($0)" } ?? "")
            }
        }
        return rule.finding(
            "\(result.status) in \(described) (\(operation.status)): \(result.statusReason ?? "no reason given")\(gate)",
            account: result.account.flatMap(AccountID.init(rawValue:)), region: result.region.flatMap(Region.init(rawValue:)),
            resource: stackSet, evidence: evidence)
    }

    /// An operation as evidence.
    static func evidence(_ operation: CloudFormation.StackSetOperation) -> JSONValue {
        .object([
            "operationId": .string(operation.operationId), "action": .string(operation.action ?? ""),
            "status": .string(operation.status),
        ])
    }
}
