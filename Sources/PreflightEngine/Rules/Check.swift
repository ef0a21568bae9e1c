/// A configured check: a check kind with the data one rule gave it.
protocol Check: Sendable {
    func run(rule: Rule, context: AuditContext) async -> [CheckResult]
}
