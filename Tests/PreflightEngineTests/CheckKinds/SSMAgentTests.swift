import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `ssm-agent`: every running instance of the member accounts is managed by Systems Manager and online.
@Suite struct SSMAgentTests {
    @Test func passesEveryAccountAndRegionWithHealthyInstances() async throws {
        let results = try await CheckKindHarness().run("ssm-agent")
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.status == .pass && $0.message == "3 of 3 running instances are managed and online" })
        #expect(results[0].evidence["instances"] == .number(3))
    }

    @Test func failsUnmanagedAndOfflineInstances() async throws {
        var variations = SyntheticVariations()
        variations.instances = [
            .init(account: 1, region: "us-east-1", index: 0): .notManaged(),
            .init(account: 1, region: "us-east-1", index: 1): .notManaged(instanceProfile: true),
            .init(account: 2, region: "us-east-2", index: 2): .ping("ConnectionLost"),
        ]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-agent")
        let organization = harness.organization
        let noProfile = try #require(results.first { $0.resource == organization.instanceId(account: 1, region: 0, index: 0) })
        #expect(noProfile.status == .fail)
        #expect(noProfile.message.hasSuffix(
            "is not managed by Systems Manager: no instance profile is attached and Default Host Management "
                + "Configuration is not set up in \(harness.id(1)) us-east-1"))
        #expect(noProfile.evidence["instanceProfile"] == .null)
        #expect(noProfile.evidence["causes"] == .array(["no-instance-profile"]))
        #expect(noProfile.remediation?.contains("aws ec2 associate-iam-instance-profile --region us-east-1 --instance-id i-") == true)
        // The synthetic network (a NAT gateway, groups and ACL open) and role (allowed) leave nothing to blame.
        let unregistered = try #require(results.first { $0.resource == organization.instanceId(account: 1, region: 0, index: 1) })
        #expect(unregistered.message.hasSuffix(
            "is not managed by Systems Manager: no cause found: the SSM agent is probably not installed or not running "
                + "(platform linux, AMI ami-0abcdef1234567890)"))
        #expect(unregistered.evidence["causes"] == .array(["unknown"]))
        #expect(unregistered.evidence["instanceProfile"] == .string("arn:aws:iam::\(harness.id(1)):instance-profile/SSMInstanceProfile"))
        let offline = try #require(results.first { $0.resource == organization.instanceId(account: 2, region: 1, index: 2) })
        #expect(offline.message.contains("is managed but its SSM agent is ConnectionLost: no cause found"))
        #expect(offline.evidence["pingStatus"] == "ConnectionLost")
        #expect(offline.accountId == harness.id(2) && offline.region == "us-east-2")
        let partial = try #require(results.first { $0.accountId == harness.id(1) && $0.region == "us-east-1" && $0.status == .pass })
        #expect(partial.message == "1 of 3 running instances are managed and online")
        #expect(results.with(.fail).count == 3)
    }

    @Test func reportsNothingWhereNothingRuns() async throws {
        var variations = SyntheticVariations()
        variations.instancesPerRegion = [1: 0, 2: 0, 3: 0]
        let results = try await CheckKindHarness(variations: variations).run("ssm-agent")
        #expect(results.isEmpty)
    }

    @Test func errorsWhereTheRegistryIsThrottledOrDenied() async throws {
        var variations = SyntheticVariations()
        variations.throttled = [.init("ssm:DescribeInstanceInformation", account: 3, region: "us-east-1")]
        variations.accessDenied = [.init("ec2:DescribeInstances", account: 2, region: "us-east-2")]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-agent")
        let throttled = try #require(results.first { $0.accountId == harness.id(3) && $0.region == "us-east-1" })
        #expect(throttled.status == .error)
        #expect(throttled.evidence["errorCode"] == "ThrottlingException")
        let denied = try #require(results.first { $0.accountId == harness.id(2) && $0.region == "us-east-2" })
        #expect(denied.status == .error)
        #expect(denied.evidence["missingPermission"] == "ec2:DescribeInstances")
        #expect(results.with(.pass).count == 4)
    }
}
