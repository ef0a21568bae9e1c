import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

@Suite struct OCSFReportRendererTests {
    static func events(_ report: AuditReport = ASFFReportRendererTests.report(), rules: [RuleDescription] = []) throws -> [[String: Any]] {
        let data = try OCSFReportRenderer().render(report, rules: rules)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func oneComplianceFindingPerResult() throws {
        let events = try Self.events()
        #expect(events.count == ASFFReportRendererTests.results.count)
        for event in events {
            #expect(event["class_uid"] as? Int == 2003)
            #expect(event["class_name"] as? String == "Compliance Finding")
            #expect(event["category_uid"] as? Int == 2)
            #expect(event["activity_id"] as? Int == 1)
            #expect(event["type_uid"] as? Int == 200_301)
            #expect(event["status_id"] as? Int == 1)
            #expect(event["time"] as? Int == 1_767_261_612_000)
            let metadata = try #require(event["metadata"] as? [String: Any])
            #expect(metadata["version"] as? String == "1.4.0")
            #expect(metadata["product"] as? [String: String] == ["name": "preflight", "vendor_name": "Preflight", "version": "0.1.0"])
            let compliance = try #require(event["compliance"] as? [String: Any])
            #expect(compliance["standards"] as? [String] == [OCSFReportRenderer.standard])
        }
    }

    @Test func statusesAndSeveritiesFollowOCSF() throws {
        let events = try Self.events()
        let compliance = events.map { ($0["compliance"] as? [String: Any])?["status_id"] as? Int }
        #expect(compliance == [3, 3, 3, 1, 2, 99])
        #expect(events.map { ($0["compliance"] as? [String: Any])?["status"] as? String }
            == ["Fail", "Fail", "Fail", "Pass", "Warning", "Skipped"])
        #expect(events.map { $0["severity_id"] as? Int } == [4, 3, 4, 1, 0, 1])
        #expect(events.map { $0["severity"] as? String } == ["High", "Medium", "High", "Informational", "Unknown", "Informational"])
    }

    @Test func theFindingTheCloudAndTheResource() throws {
        let event = try Self.events()[0]
        let info = try #require(event["finding_info"] as? [String: Any])
        #expect(info["uid"] as? String == "preflight/post/ssm-agent/222222222222/eu-west-1/i-0abc12")
        #expect(info["title"] as? String == "Title of ssm-agent")
        #expect(info["desc"] as? String == "ping lost")
        #expect(info["created_time"] as? Int == 1_767_261_600_000)
        #expect((event["compliance"] as? [String: Any])?["control"] as? String == "ssm-agent")
        let cloud = try #require(event["cloud"] as? [String: Any])
        #expect(cloud["provider"] as? String == "AWS")
        #expect(cloud["region"] as? String == "eu-west-1")
        #expect(cloud["cloud_partition"] as? String == "aws-us-gov")
        let account = try #require(cloud["account"] as? [String: Any])
        #expect(account["uid"] as? String == "222222222222")
        #expect(account["name"] as? String == "prod-app-1")
        #expect(account["type_id"] as? Int == 10)
        #expect(cloud["org"] as? [String: String] == ["uid": "o-sample12345", "ou_name": "Workloads/Prod"])
        let resources = try #require(event["resources"] as? [[String: Any]])
        #expect(resources.count == 1)
        #expect(resources[0]["uid"] as? String == "arn:aws-us-gov:ec2:eu-west-1:222222222222:instance/i-0abc12")
        #expect(resources[0]["type"] as? String == "AWS::EC2::Instance")
        #expect(event["remediation"] as? [String: String] == ["desc": "Fix ssm-agent."])
    }

    /// An organization-wide result is the caller's account in the home region; only failures and warnings carry
    /// a remediation.
    @Test func organizationResultsAreTheCallersAccountInTheHomeRegion() throws {
        let event = try Self.events()[2]
        let cloud = try #require(event["cloud"] as? [String: Any])
        #expect(cloud["region"] as? String == "eu-central-1")
        #expect((cloud["account"] as? [String: Any])?["uid"] as? String == "123456789012")
        #expect((cloud["org"] as? [String: String]) == ["uid": "o-sample12345"])
        #expect((event["resources"] as? [[String: Any]])?.first?["type"] as? String == "Other")
        let rules = ["caller-account", "ssm-association"].map {
            RuleDescription(id: $0, title: "t", severity: .fail, remediation: "Fix it.")
        }
        let events = try Self.events(rules: rules)
        #expect(events[3]["remediation"] == nil)
        #expect(events[4]["remediation"] == nil)
        #expect(events[0]["remediation"] as? [String: String] == ["desc": "Fix ssm-agent."])
    }
}
