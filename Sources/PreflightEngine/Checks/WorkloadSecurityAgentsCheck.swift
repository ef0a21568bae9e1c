import AWSCore
import CloudOne
import Foundation

/// `workload-security-agents`: every running instance the association covers has an activated agent on the manager,
/// online, with a policy; a `warning` agent protects, with a warning. Computers whose EC2 instance no longer exists
/// in the audited accounts and regions are listed as stale records.
struct WorkloadSecurityAgentsCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "workload-security-agents"
    static let summary =
        "Every running instance the association covers has an activated, online agent with a policy on Workload "
        + "Security; records of instances that no longer exist are listed."
    static let auditorPermissions = CoverageCalculator.auditorPermissions

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        guard case .ready = try await context.workloadSecurity.api() else {
            return [rule.result(.skip, WorkloadSecurityOptions.howToEnable)]
        }
        guard let computers = try await context.workloadSecurity.computerIndex() else { return [] }
        let coverage = await CoverageCalculator(context: context).compute()
        var results = coverage.errors.map { rule.error($0.error, account: $0.account, region: $0.region) }
        var covered = 0, protected = 0
        for instance in coverage.instances where instance.verdict == .covered {
            covered += 1
            let account = AccountID(rawValue: instance.accountId), region = Region(rawValue: instance.region)
            let protection = instance.workloadSecurity
            var evidence: [String: JSONValue] = ["status": .string(protection.status.rawValue)]
            if let computer = protection.computer {
                evidence["computerId"] = .number(Double(computer.id))
                evidence["agentStatus"] = computer.agentStatus.map { .string($0) } ?? .null
            }
            guard let reason = protection.reason else {
                protected += 1
                if protection.computer?.agentStatus == "warning" {
                    results.append(rule.result(
                        .warn, "instance \(instance.instanceId) is protected, but its agent reports a warning"
                            + Self.messages(protection.computer),
                        account: account, region: region, resource: instance.instanceId, evidence: evidence))
                }
                continue
            }
            evidence["reason"] = .string(reason.rawValue)
            results.append(rule.finding(
                "instance \(instance.instanceId) has the agent package but is not protected: \(reason.rawValue) ("
                    + Self.explain(reason, protection.computer, now: context.options.now) + ")",
                account: account, region: region, resource: instance.instanceId, evidence: evidence))
        }
        results += try await staleRecords(computers, coverage: coverage, rule: rule, context: context)
        let summary = "\(protected) of \(covered) instances the association covers are protected by Workload Security"
        let totals: [String: JSONValue] = ["covered": .number(Double(covered)), "protected": .number(Double(protected))]
        let overall = if !coverage.errors.isEmpty {
            rule.result(.error, "protection is incomplete: " + summary, evidence: totals)
        } else if protected < covered {
            rule.finding(summary, evidence: totals)
        } else {
            rule.result(.pass, summary, evidence: totals)
        }
        return [overall] + results
    }

    /// Computers of audited accounts and regions whose instance is neither running nor otherwise existing.
    private func staleRecords(
        _ computers: ComputerIndex, coverage: Coverage, rule: Rule, context: AuditContext
    ) async throws(AuditError) -> [CheckResult] {
        // Computers are as many as instances: look up the running ones by instance id, then only the few others.
        var running: [String: (account: String, region: String)] = [:]
        running.reserveCapacity(coverage.instances.count)
        for instance in coverage.instances { running[instance.instanceId] = (instance.accountId, instance.region) }
        let audited = Dictionary(
            try await context.organization.accountsInScope().filter(\.isActive).map { ($0.id.rawValue, $0.id) },
            uniquingKeysWith: { first, _ in first })
        var candidates: [AccountRegion: [CloudOneComputer]] = [:]
        for computer in computers.all {
            guard let instance = computer.instanceID, let accountId = computer.accountID, let account = audited[accountId],
                let name = computer.region, let region = Region(rawValue: name),
                running[instance].map({ $0 != (accountId, name) }) ?? true
            else { continue }
            candidates[AccountRegion(account, region), default: []].append(computer)
        }
        for scope in candidates.keys {
            let regions = (try? await context.inventory.regions(of: scope.account)) ?? []
            if !regions.contains(scope.region) { candidates[scope] = nil }
        }
        var results: [CheckResult] = []
        for (scope, records) in candidates.sorted(by: { $0.key.description < $1.key.description }) {
            let existing: Set<String>
            do throws(AuditError) {
                existing = try await context.inventory.existingInstanceIds(records.compactMap(\.instanceID), in: scope)
            } catch {
                results.append(rule.error(error, account: scope.account, region: scope.region))
                continue
            }
            for computer in records.sorted(by: { $0.id < $1.id }) {
                guard let instance = computer.instanceID, !existing.contains(instance) else { continue }
                results.append(rule.result(
                    .warn, "computer \(computer.id) is a stale record: its instance \(instance) no longer exists",
                    account: scope.account, region: scope.region, resource: instance,
                    evidence: ["computerId": .number(Double(computer.id)), "staleRecord": .bool(true)],
                    remediation: "Delete the computer from Workload Security, or let its inactive-agent cleanup remove it."))
            }
        }
        return results
    }

    /// Why `reason` applies, in words.
    static func explain(_ reason: WorkloadSecurityReason, _ computer: CloudOneComputer?, now: Date) -> String {
        guard let computer else { return "no computer on the manager has this instance id" }
        switch reason {
        case .agentNotActivated: return "computer \(computer.id) never activated"
        case .agentError: return "computer \(computer.id) reports an error" + messages(computer)
        case .agentOffline:
            guard let last = computer.lastCommunication else { return "computer \(computer.id) never communicated" }
            return "computer \(computer.id) is \(computer.agentStatus ?? "silent"), last communication \(last.formatted(.iso8601))"
        case .noPolicy: return "computer \(computer.id) has no policy"
        }
    }

    /// The agent's status messages, after a colon, or nothing.
    static func messages(_ computer: CloudOneComputer?) -> String {
        guard let messages = computer?.agentStatusMessages, !messages.isEmpty else { return "" }
        return ": " + messages.joined(separator: "; ")
    }
}
