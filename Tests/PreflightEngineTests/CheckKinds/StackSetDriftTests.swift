import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `stackset-drift`: the StackSet's last drift detection, its age, and the stack instances it found drifted or
/// could not check.
@Suite struct StackSetDriftTests {
    /// Seconds since 1970 of `days` before the audit's day.
    static func daysAgo(_ days: Int) -> Int { Int(testDay.timeIntervalSince1970) - days * 86_400 }

    @Test func warnsAndGivesTheCommandWhenNoDetectionHasRun() async throws {
        let results = try await CheckKindHarness().run("stackset-drift")
        #expect(results.statuses == [.warn])
        #expect(results[0].message == "no drift detection has run on StackSet C1WS-SSM-StackSet; Preflight does not start one (it is not a read)")
        #expect(results[0].remediation?.contains("`aws cloudformation detect-stack-set-drift --stack-set-name C1WS-SSM-StackSet --call-as SELF`") == true)
    }

    @Test func namesTheCallerAsOfTheDeploymentInTheCommand() async throws {
        var harness = CheckKindHarness()
        harness.parameters = .file(["AccountAdminStatus": "DELEGATED_ADMIN"])
        let results = try await harness.run("stackset-drift")
        #expect(results[0].remediation?.contains("--call-as DELEGATED_ADMIN`") == true)
    }

    @Test func passesARecentDetectionThatFoundEveryInstanceInSync() async throws {
        var variations = SyntheticVariations()
        variations.drift = .init(checkedAt: Self.daysAgo(2))
        let results = try await CheckKindHarness(variations: variations).run("stackset-drift")
        #expect(results.statuses == [.pass])
        #expect(results[0].message == "the last drift detection of StackSet C1WS-SSM-StackSet, 2 days ago, found every stack instance IN_SYNC")
        #expect(results[0].evidence["ageDays"] == 2)
    }

    @Test func warnsDriftedInstancesWithTheirDriftedResources() async throws {
        var variations = SyntheticVariations()
        variations.drift = .init(checkedAt: Self.daysAgo(1), drifted: [.init(account: 3, region: "us-east-2"): ["SSMParameterdsToken"]])
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("stackset-drift")
        #expect(results.statuses == [.warn])
        #expect(results[0].accountId == harness.id(3))
        #expect(results[0].region == "us-east-2")
        #expect(results[0].message == "the stack instance in \(harness.id(3)) us-east-2 has DRIFTED from the StackSet's template: SSMParameterdsToken MODIFIED")
        #expect(results[0].evidence["driftedResources"] == [["logicalResourceId": "SSMParameterdsToken", "resourceType": "AWS::SSM::Parameter", "driftStatus": "MODIFIED"]])
    }

    @Test func warnsAStaleDetectionAndInstancesItCouldNotCheck() async throws {
        var variations = SyntheticVariations()
        variations.drift = .init(
            checkedAt: Self.daysAgo(45), detectionStatus: "PARTIAL_SUCCESS", failed: [.init(account: 1, region: "us-east-1")])
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("stackset-drift")
        #expect(results.statuses == [.warn, .warn])
        #expect(results[0].accountId == harness.id(1))
        #expect(results[0].message.hasPrefix("drift detection failed for the stack instance in \(harness.id(1)) us-east-1"))
        #expect(results[1].message == "the last drift detection of StackSet C1WS-SSM-StackSet is 45 days old (more than 30)")
    }

    @Test func skipsADetectionInProgress() async throws {
        var variations = SyntheticVariations()
        variations.drift = .init(checkedAt: Self.daysAgo(0), detectionStatus: "IN_PROGRESS")
        let results = try await CheckKindHarness(variations: variations).run("stackset-drift")
        #expect(results.statuses == [.skip])
    }

    @Test func errorsWhenTheStackSetCannotBeRead() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("cloudformation:DescribeStackSet")]
        let results = try await CheckKindHarness(variations: variations).run("stackset-drift")
        #expect(results.statuses == [.error])
        #expect(results[0].evidence["missingPermission"] == "cloudformation:DescribeStackSet")
    }

    @Test func keepsTheDriftFindingWhenItsResourcesCannotBeListed() async throws {
        var variations = SyntheticVariations()
        variations.drift = .init(checkedAt: Self.daysAgo(1), drifted: [.init(account: 1, region: "us-east-1"): ["SSMAssociation"]])
        variations.accessDenied = [.init("cloudformation:ListStackInstanceResourceDrifts")]
        let results = try await CheckKindHarness(variations: variations).run("stackset-drift")
        #expect(results.statuses == [.warn])
        #expect(results[0].evidence["resourceDriftsError"] != nil)
    }
}
