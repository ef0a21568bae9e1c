import Foundation
import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `lambda-runtime`: the template's Lambda runtime against the deprecation table of the rule's data (python3.9:
/// deprecated 2025-12-15, creation blocked from 2027-02-01). It calls no AWS operation.
@Suite struct LambdaRuntimeTests {
    static func harness(on day: String, runtime: String = "python3.9") -> CheckKindHarness {
        var harness = CheckKindHarness(state: .pre)
        harness.configure = { options in
            options.now = ISO8601DateFormatter().date(from: "\(day)T12:00:00Z")!
            options.deployment.lambdaFunction.runtime = runtime
        }
        return harness
    }

    @Test func passesBeforeTheDeprecation() async throws {
        let results = try await Self.harness(on: "2025-12-14").run("lambda-runtime")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "the Lambda function AgentDeploymentScriptFunction uses python3.9, supported by Lambda, deprecated from 2025-12-15")
        #expect(results[0].resource == "AgentDeploymentScriptFunction")
        #expect(results[0].evidence["blockCreate"] == "2027-02-01")
        #expect(results[0].evidence["tableReadOn"] == "2026-11-30")
    }

    @Test func warnsOnceDeprecated() async throws {
        let results = try await Self.harness(on: "2025-12-15").run("lambda-runtime")
        #expect(results.statuses == [.warn])
        #expect(results[0].message.contains("deprecated since 2025-12-15 (no more security patches); from 2027-02-01 no function can be created"))
        #expect(results[0].remediation?.hasPrefix("Deploy with a template whose AgentDeploymentScriptFunction uses python3.14") == true)
    }

    @Test func failsFromTheDayCreationIsBlocked() async throws {
        for day in ["2027-02-01", "2028-01-01"] {
            let results = try await Self.harness(on: day).run("lambda-runtime")
            #expect(results.statuses == [.fail])
            #expect(results[0].message.hasSuffix("Lambda blocks creating functions with it since 2027-02-01, so the stack cannot be created"))
        }
    }

    @Test func passesASupportedRuntime() async throws {
        let results = try await Self.harness(on: "2026-12-01", runtime: "python3.13").run("lambda-runtime")
        #expect(results.statuses == [.pass])
        #expect(results[0].evidence["runtime"] == "python3.13")
    }

    /// A runtime the table does not list has unknown dates: `error`, never a pass.
    @Test func errorsForARuntimeMissingFromTheTable() async throws {
        let results = try await Self.harness(on: "2026-12-01", runtime: "nodejs22.x").run("lambda-runtime")
        #expect(results.statuses == [.error])
        #expect(results[0].message.contains("uses nodejs22.x, which is not in AWS's table"))
    }

    /// The rule runs before the deployment only: the post phase has no result from it.
    @Test func skipsThePostPhase() async throws {
        let rules = try CheckKindHarness.ruleSet.get()
        let rule = try #require(rules.rule(id: "lambda-runtime"))
        #expect(rule.phases == [.pre])
    }

    @Test(arguments: ["2026-13-01", "2027-02-29", "27-02-01", "2027-2-1"])
    func rejectsADateThatIsNotADay(_ text: String) {
        #expect(CalendarDay(text) == nil)
    }

    @Test func readsLeapDaysAndOrdersDays() throws {
        let leap = try #require(CalendarDay("2028-02-29"))
        #expect(leap.description == "2028-02-29")
        #expect(try #require(CalendarDay("2027-03-03")) > #require(CalendarDay("2027-02-28")))
        #expect(CalendarDay(Date(timeIntervalSince1970: 1_796_083_199)).description == "2026-11-30")
    }
}
