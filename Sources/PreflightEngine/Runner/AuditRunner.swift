import Foundation

/// Runs the rules of one phase concurrently against an `AuditContext` and assembles the report.
public struct AuditRunner: Sendable {
    public static let toolVersion = "0.1.0"

    let rules: [Rule]

    /// `rules` are filtered to those of the context's phase when run.
    public init(rules: [Rule]) {
        self.rules = rules
    }

    public func run(context: AuditContext) async -> AuditReport {
        let startedAt = Date()
        let selected = rules.filter { $0.phases.contains(context.options.phase) }
        let order = Dictionary(uniqueKeysWithValues: selected.enumerated().map { ($1.id, $0) })
        let results = await withTaskGroup(of: [CheckResult].self) { group in
            for rule in selected {
                group.addTask { await rule.run(in: context) }
            }
            var all: [CheckResult] = []
            for await batch in group { all += batch }
            return all
        }
        let sorted = results.sorted {
            (order[$0.ruleId] ?? 0, $0.accountId ?? "", $0.region ?? "", $0.resource ?? "", $0.message)
                < (order[$1.ruleId] ?? 0, $1.accountId ?? "", $1.region ?? "", $1.resource ?? "", $1.message)
        }
        let coverage = await CoverageCalculator(context: context).compute()
        let identity = try? await context.callerIdentity().get()
        let principal = try? await context.deployerArn().get()
        let organization = try? await context.organization().get()
        return AuditReport(
            tool: .init(name: "preflight", version: Self.toolVersion), phase: context.options.phase, startedAt: startedAt,
            finishedAt: Date(),
            caller: .init(accountId: identity?.account, arn: identity?.arn, principalArn: principal),
            organization: .init(id: organization?.id, managementAccountId: organization?.managementAccountId),
            results: sorted, coverage: .init(totals: coverage.totals, instances: coverage.instances))
    }
}
