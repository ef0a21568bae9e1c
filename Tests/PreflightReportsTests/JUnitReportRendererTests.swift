import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct JUnitReportRendererTests {
    @Test func oneSuitePerRuleAndOneCasePerResult() {
        let report = Sample.report(results: [
            Sample.result("a", .fail, "broken", account: "111111111111", region: "us-east-1", resource: "i-0a"),
            Sample.result("a", .pass, "fine", account: "111111111111", region: "eu-west-1"),
            Sample.result("b", .warn, "old agent"), Sample.result("b", .skip, "opted out"), Sample.result("b", .error, "denied"),
        ])
        let xml = JUnitReportRenderer().render(report)
        #expect(xml.contains("<testsuites name=\"preflight post-deployment check\" tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"12.000\" timestamp=\"2026-01-01T10:00:00\">"))
        #expect(xml.contains("<testsuite name=\"a\" id=\"0\" package=\"preflight.post\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""))
        #expect(xml.contains("<testcase classname=\"a\" name=\"111111111111/us-east-1/i-0a: broken\" time=\"0\">"))
        #expect(xml.contains("<failure message=\"broken\" type=\"fail\">broken\n\naccount: 111111111111\nregion: us-east-1\nresource: i-0a\n\nRemediation: Fix a.</failure>"))
        #expect(xml.contains("<testcase classname=\"a\" name=\"111111111111/eu-west-1: fine\" time=\"0\"/>"))
        #expect(xml.contains("<system-out>WARN old agent\n\nRemediation: Fix b.</system-out>"))
        #expect(xml.contains("<skipped message=\"opted out\"/>"))
        #expect(xml.contains("<error message=\"denied\" type=\"error\">denied</error>"))
    }

    @Test func escapesMarkupAndForbiddenCharacters() {
        let report = Sample.report(results: [Sample.result("a", .fail, "<x> & \"y\" 'z'\nnext\u{1B}", account: "111111111111")])
        let xml = JUnitReportRenderer().render(report)
        #expect(xml.contains("message=\"&lt;x&gt; &amp; &quot;y&quot; &#39;z&#39;&#10;next\u{FFFD}\""))
        #expect(xml.contains("name=\"111111111111: &lt;x&gt; &amp; &quot;y&quot; &#39;z&#39;\""))
        #expect(!xml.contains("\u{1B}"))
    }

    @Test func cutsLongNames() {
        let report = Sample.report(results: [Sample.result("a", .pass, String(repeating: "x", count: 500))])
        let xml = JUnitReportRenderer(nameLimit: 50).render(report)
        #expect(xml.contains("name=\"" + String(repeating: "x", count: 49) + "…\""))
    }
}
