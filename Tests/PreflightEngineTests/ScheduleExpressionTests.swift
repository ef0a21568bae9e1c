import Testing

@testable import PreflightEngine

@Suite struct ScheduleExpressionTests {
    @Test(arguments: [
        "cron(15 10 * * ? *)", "cron(0 */2 ? * MON-FRI *)", "cron(30 23 L * ? *)", "rate(30 minutes)", "rate(1 hour)",
        "rate(2 days)", "cron(0 9 ? * 2#1 *)",
    ])
    func valid(_ expression: String) {
        #expect(ScheduleExpression.problem(in: expression) == nil)
    }

    @Test(arguments: [
        ("cron(15 10 * * *)", "6 fields"), ("cron(61 10 * * ? *)", "minutes"), ("cron(15 10 * * * *)", "exactly one"),
        ("rate(10 minutes)", "30 minutes"), ("rate(1 hours)", "singular"), ("rate(5 weeks)", "unit"),
        ("every day", "expected cron"), ("cron(15 25 * * ? *)", "hours"),
    ])
    func invalid(_ expression: String, _ fragment: String) throws {
        let problem = try #require(ScheduleExpression.problem(in: expression))
        #expect(problem.contains(fragment))
    }
}
