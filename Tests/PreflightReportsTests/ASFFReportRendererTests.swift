import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct ASFFReportRendererTests {
    static let results = [
        Sample.result("ssm-agent", .fail, "ping lost", account: "222222222222", region: "eu-west-1", resource: "i-0abc12",
                      name: "prod-app-1", ouPath: "Workloads/Prod"),
        Sample.result("ssm-parameters", .warn, "dsToken is not a SecureString", account: "333333333333", region: "us-east-1",
                      resource: "dsToken", ouPath: ""),
        Sample.result("stacksets-trusted-access", .fail, "trusted access is off"),
        Sample.result("caller-account", .pass, "ok"),
        Sample.result("ssm-association", .error, "AccessDenied", account: "222222222222", region: "eu-west-1"),
        Sample.result("target-regions", .skip, "no template"),
    ]

    static func report() -> AuditReport {
        var report = Sample.report(results: results, instances: [
            Sample.instance("i-0def34", .uncovered, account: "222222222222", region: "eu-west-1", reason: .noAssociation,
                            name: "prod-app-1", ouPath: "Workloads/Prod"),
            Sample.instance("i-0c0ffee", .covered), Sample.instance("i-0e0e0e", .excluded, account: "123456789012"),
        ])
        report.homeRegion = "eu-central-1"
        report.caller.arn = "arn:aws-us-gov:sts::123456789012:assumed-role/auditor/session"
        return report
    }

    static func findings(_ report: AuditReport = report()) throws -> [[String: Any]] {
        let data = try ASFFReportRenderer().render(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func oneFindingPerFailedOrWarnedResultAndUncoveredInstance() throws {
        let findings = try Self.findings()
        #expect(findings.map { $0["GeneratorId"] as? String } == ["ssm-agent", "ssm-parameters", "stacksets-trusted-access", "coverage"])
    }

    @Test func anInstanceResultIsAnEC2InstanceFinding() throws {
        let finding = try Self.findings()[0]
        #expect(finding["SchemaVersion"] as? String == "2018-10-08")
        #expect(finding["Id"] as? String == "preflight/post/ssm-agent/222222222222/eu-west-1/i-0abc12")
        #expect(finding["ProductArn"] as? String == "arn:aws-us-gov:securityhub:eu-central-1:123456789012:product/123456789012/default")
        #expect(finding["AwsAccountId"] as? String == "222222222222")
        #expect(finding["AwsAccountName"] as? String == "prod-app-1")
        #expect(finding["Region"] as? String == "eu-west-1")
        #expect(finding["Types"] as? [String] == ["Software and Configuration Checks/AWS Security Best Practices"])
        #expect(finding["CreatedAt"] as? String == "2026-01-01T10:00:00Z")
        #expect(finding["UpdatedAt"] as? String == "2026-01-01T10:00:12Z")
        #expect(finding["Title"] as? String == "Title of ssm-agent")
        #expect(finding["Description"] as? String == "ping lost")
        #expect(finding["Severity"] as? [String: String] == ["Label": "HIGH", "Original": "fail"])
        #expect(finding["Compliance"] as? [String: String] == ["Status": "FAILED"])
        #expect(finding["RecordState"] as? String == "ACTIVE")
        #expect((finding["Remediation"] as? [String: [String: String]])?["Recommendation"]?["Text"] == "Fix ssm-agent.")
        #expect(finding["Resources"] as? [[String: String]] == [[
            "Type": "AwsEc2Instance", "Id": "arn:aws-us-gov:ec2:eu-west-1:222222222222:instance/i-0abc12",
            "Partition": "aws-us-gov", "Region": "eu-west-1",
        ]])
        #expect(finding["ProductFields"] as? [String: String] == [
            "preflight/RuleId": "ssm-agent", "preflight/Resource": "i-0abc12", "preflight/Phase": "post",
            "preflight/OUPath": "Workloads/Prod",
        ])
    }

    @Test func accountAndOrganizationResultsUseTheirAccountOrTheCallers() throws {
        let findings = try Self.findings()
        let warned = findings[1]
        #expect(warned["Severity"] as? [String: String] == ["Label": "MEDIUM", "Original": "warn"])
        #expect(warned["Compliance"] as? [String: String] == ["Status": "WARNING"])
        #expect(warned["AwsAccountName"] == nil)
        #expect(warned["Resources"] as? [[String: String]] == [[
            "Type": "AwsAccount", "Id": "AWS::::Account:333333333333", "Partition": "aws-us-gov", "Region": "us-east-1",
        ]])
        #expect((warned["ProductFields"] as? [String: String])?["preflight/OUPath"] == "(attached to the root)")
        let organization = findings[2]
        #expect(organization["Id"] as? String == "preflight/post/stacksets-trusted-access/-/-/-")
        #expect(organization["AwsAccountId"] as? String == "123456789012")
        #expect(organization["Region"] as? String == "eu-central-1")
        #expect(organization["Resources"] as? [[String: String]] == [[
            "Type": "Other", "Id": "o-sample12345", "Partition": "aws-us-gov", "Region": "eu-central-1",
        ]])
    }

    @Test func anUncoveredInstanceIsAFailedFindingWithAdvice() throws {
        let finding = try Self.findings()[3]
        #expect(finding["Id"] as? String == "preflight/post/coverage/222222222222/eu-west-1/i-0def34")
        #expect(finding["Compliance"] as? [String: String] == ["Status": "FAILED"])
        #expect((finding["Severity"] as? [String: String])?["Label"] == "HIGH")
        #expect(finding["Description"] as? String
            == "Instance i-0def34 in prod-app-1 (222222222222) eu-west-1 is not covered by the Workload Security agent deployment: no-association")
        #expect((finding["Remediation"] as? [String: [String: String]])?["Recommendation"]?["Text"]
            == ASFFReportRenderer.advice(.noAssociation))
        #expect((finding["Resources"] as? [[String: String]])?.first?["Id"] == "arn:aws-us-gov:ec2:eu-west-1:222222222222:instance/i-0def34")
    }

    @Test func idsAreStableAcrossRunsAndBoundedInLength() throws {
        var later = Self.report()
        later.startedAt = later.startedAt.addingTimeInterval(86_400)
        later.finishedAt = later.finishedAt.addingTimeInterval(86_400)
        #expect(try Self.findings(later).map { $0["Id"] as? String } == Self.findings().map { $0["Id"] as? String })
        let long = String(repeating: "r", count: 600)
        let first = ASFFReportRenderer.findingId(["preflight", "post", long + "a"])
        let second = ASFFReportRenderer.findingId(["preflight", "post", long + "b"])
        #expect(first.utf8.count == 512 && second.utf8.count == 512 && first != second)
        #expect(ASFFReportRenderer.findingId(["preflight", "post", "x"]) == "preflight/post/x")
    }

    @Test func textsAreCutToSecurityHubsLimits() throws {
        let report = Sample.report(results: [CheckResult(
            ruleId: "long", title: String(repeating: "t", count: 300), status: .fail, severity: .fail, accountId: "111111111111",
            message: String(repeating: "m", count: 2000), remediation: String(repeating: "f", count: 900))])
        let finding = try #require(try Self.findings(report).first)
        #expect((finding["Title"] as? String)?.count == 256)
        #expect((finding["Description"] as? String)?.count == 1024)
        #expect(((finding["Remediation"] as? [String: [String: String]])?["Recommendation"]?["Text"])?.count == 512)
    }

    @Test func theRulesRemediationIsTheFallback() throws {
        var result = Sample.result("ssm-agent", .fail, "lost", account: "111111111111")
        result.remediation = nil
        let rules = [RuleDescription(id: "ssm-agent", title: "t", severity: .fail, remediation: "Restart the agent.")]
        let data = try ASFFReportRenderer().render(Sample.report(results: [result]), rules: rules)
        let findings = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect((findings[0]["Remediation"] as? [String: [String: String]])?["Recommendation"]?["Text"] == "Restart the agent.")
    }

    @Test func withoutFindingsTheArrayIsEmptyAndWithoutAnAccountItIsRefused() throws {
        let passing = Sample.report(results: [Sample.result("caller-account", .pass, "ok")])
        #expect(String(decoding: try ASFFReportRenderer().render(passing), as: UTF8.self) == "[\n\n]\n")
        var anonymous = Sample.report(results: [Sample.result("stacksets-trusted-access", .fail, "off")])
        anonymous.caller.accountId = nil
        anonymous.organization.managementAccountId = nil
        #expect(throws: ASFFReportRenderer.MissingAccountError.self) { try ASFFReportRenderer().render(anonymous) }
    }

    @Test func evidenceIsNeverCopied() throws {
        var result = Sample.result("ssm-parameters", .fail, "dsToken differs", account: "111111111111", resource: "dsToken")
        result.evidence = ["value": "secret-token-value"]
        let data = try ASFFReportRenderer().render(Sample.report(results: [result]))
        #expect(!String(decoding: data, as: UTF8.self).contains("secret-token-value"))
    }
}
