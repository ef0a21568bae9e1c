import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `ssm-association`: the association exists as the template defines it, every differing field named.
@Suite struct SSMAssociationTests {
    static let name = "TrendCloudOneWorkloadSecurityAssociation"

    @Test func passesEveryTargetedAccountAndRegion() async throws {
        let harness = CheckKindHarness()
        let results = try await harness.run("ssm-association")
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.status == .pass && $0.message == "association \(Self.name) matches the template" })
        let first = try #require(results.first { $0.accountId == harness.id(1) && $0.region == "us-east-1" })
        #expect(first.resource == harness.organization.associationId(account: 1, region: 0))
    }

    @Test func failsAMissingOrDifferingAssociation() async throws {
        var variations = SyntheticVariations()
        variations.associations = [
            .init(account: 1, region: "us-east-1"): .missing,
            .init(account: 2, region: "us-east-2"): .schedule("rate(30 minutes)"),
            .init(account: 3, region: "us-east-1"): .document("AWS-RunShellScript"),
            .init(account: 3, region: "us-east-2"): .package("SomeOtherAgent"),
        ]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-association")
        func result(_ account: Int, _ region: String) throws -> CheckResult {
            try #require(results.first { $0.accountId == harness.id(account) && $0.region == region })
        }
        #expect(try result(1, "us-east-1").message == "association \(Self.name) is missing")
        #expect(try result(1, "us-east-1").resource == Self.name)
        let schedule = try result(2, "us-east-2")
        #expect(schedule.status == .fail)
        #expect(schedule.message == "association \(Self.name): schedule is rate(30 minutes), expected cron(15 10 * * ? *)")
        #expect(schedule.evidence["field"] == "schedule" && schedule.evidence["actual"] == "rate(30 minutes)")
        #expect(try result(3, "us-east-1").evidence["field"] == "document")
        #expect(try result(3, "us-east-2").evidence["field"] == "parameters.name")
        #expect(try result(3, "us-east-2").evidence["expected"] == "TrendMicro-CloudOne-WorkloadSecurity")
        #expect(results.with(.pass).count == 2)
    }

    @Test func expectsTheCronJobOfTheParameters() async throws {
        var harness = CheckKindHarness()
        harness.parameters = .file(["CronJob": "cron(0 2 ? * SUN *)"])
        let results = try await harness.run("ssm-association")
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.status == .fail && $0.evidence["expected"] == "cron(0 2 ? * SUN *)" })
    }

    @Test func errorsWhereTheAssociationCannotBeDescribed() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ssm:DescribeAssociation", account: 3)]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-association")
        #expect(results.with(.error).count == 2)
        #expect(results.with(.error).allSatisfy { $0.accountId == harness.id(3) && $0.evidence["missingPermission"] == "ssm:DescribeAssociation" })
        #expect(results.with(.pass).count == 4)
    }
}
