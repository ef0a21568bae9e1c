import SyntheticAWS
import Testing

@testable import PreflightEngine

/// `workload-security-network` on the synthetic organization, whose instances reach the internet through a NAT
/// gateway; and the diagnosis's reads when one is denied.
@Suite struct WorkloadSecurityNetworkTests {
    @Test func instancesBehindANATGatewayReachTheManager() async throws {
        let results = try await CheckKindHarness().run("workload-security-network")
        #expect(results.count == 8, "\(results.map(\.message))")
        #expect(results.allSatisfy { $0.status == .pass && $0.message == "3 of 3 managed instances have a route to the internet" })
    }

    @Test func aNetworkReadThatIsDeniedIsThatScopesError() async throws {
        var variations = SyntheticVariations()
        variations.accessDenied = [.init("ec2:DescribeRouteTables", account: 2, region: "us-east-2")]
        let results = try await CheckKindHarness(variations: variations).run("workload-security-network")
        let errors = results.with(.error)
        #expect(errors.count == 1)
        #expect(errors.first?.accountId != nil && errors.first?.region == "us-east-2")
        #expect(errors.first?.evidence["missingPermission"] == "ec2:DescribeRouteTables")
        #expect(results.with(.pass).count == 7)
    }

    @Test func aDeniedDiagnosisReadLeavesTheCausesUndeterminedNeverUnknown() async throws {
        var variations = SyntheticVariations()
        variations.instances = [.init(account: 1, region: "us-east-1", index: 0): .notManaged(instanceProfile: true)]
        variations.accessDenied = [.init("ec2:DescribeNetworkAcls", account: 1, region: "us-east-1")]
        let harness = CheckKindHarness(variations: variations)
        let results = try await harness.run("ssm-agent")
        let finding = try #require(results.with(.fail).first)
        #expect(finding.evidence["causes"] == .array([]))
        #expect(finding.message.hasSuffix("is not managed by Systems Manager: the causes could not be determined"))
        #expect("\(String(describing: finding.evidence["undetermined"]))".contains("ec2:DescribeNetworkAcls"))
    }
}
