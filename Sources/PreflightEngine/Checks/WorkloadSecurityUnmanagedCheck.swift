import AWSCore

/// `workload-security-unmanaged`: running instances that Workload Security protects although the association does
/// not cover them (agents installed some other way). They count as protected; they are not failures.
struct WorkloadSecurityUnmanagedCheck: CheckKind {
    struct Configuration: Decodable, Sendable {}

    static let name = "workload-security-unmanaged"
    static let summary =
        "Running instances that Workload Security protects although the association does not cover them (agents "
        + "installed outside it): listed, counted as protected, never failures."
    static let auditorPermissions = CoverageCalculator.auditorPermissions

    init(configuration: Configuration) {}

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        guard case .ready = try await context.workloadSecurity.api() else {
            return [rule.result(.skip, WorkloadSecurityOptions.howToEnable)]
        }
        _ = try await context.workloadSecurity.computerIndex()
        let coverage = await CoverageCalculator(context: context).compute()
        let outside = coverage.instances.filter { $0.verdict != .covered && $0.workloadSecurity.status == .protected }
        let summary = "\(outside.count) running instance(s) are protected by agents installed outside the association"
        var results = [rule.result(.pass, summary, evidence: ["installedOutsideAssociation": .number(Double(outside.count))])]
        for instance in outside {
            results.append(rule.result(
                .pass,
                "instance \(instance.instanceId) is protected by an agent installed outside the association ("
                    + "\(instance.reason?.rawValue ?? instance.verdict.rawValue))",
                account: AccountID(rawValue: instance.accountId), region: Region(rawValue: instance.region),
                resource: instance.instanceId,
                evidence: [
                    "installedOutsideAssociation": .bool(true),
                    "computerId": instance.workloadSecurity.computer.map { .number(Double($0.id)) } ?? .null,
                ]))
        }
        return results
    }
}
