import AWSCore
import Testing

@testable import PreflightEngine

/// The instance diagnosis against the emulator: `sample-org-unmanaged-causes.yaml` builds one unmanaged instance per
/// cause (and a combination), and `ssm-agent`, the coverage and `workload-security-network` name them.
@Suite(.serialized) struct InstanceDiagnosisTests {
    static let organization = Result { try ScenarioOrganization(scenario: "Tests/Emulator/scenarios/sample-org-unmanaged-causes.yaml") }

    /// Each instance's causes, as the coverage gives them: `account region instance reason causes…`.
    static let expectedCauses = [
        "app us-east-1 dns-disabled not-managed vpc-dns-disabled",
        "app us-east-1 endpoints-only - -",
        "app us-east-1 healthy - -",
        "app us-east-1 healthy-via-main - -",
        "app us-east-1 healthy-via-tgw - -",
        "app us-east-1 imds-and-no-path not-managed imds-disabled,no-network-path",
        "app us-east-1 imds-disabled not-managed imds-disabled",
        "app us-east-1 nacl-blocks-https not-managed network-acl-blocks-https",
        "app us-east-1 no-network-path not-managed no-network-path",
        "app us-east-1 no-profile not-managed no-instance-profile",
        "app us-east-1 role-without-ssm not-managed instance-role-lacks-ssm-permissions",
        "app us-east-1 sg-blocks-https not-managed security-group-blocks-https",
        "app us-east-1 unknown not-managed unknown",
        "edge eu-west-1 no-profile-eu not-managed no-instance-profile",
        "edge us-east-1 agent-outdated ping-lost agent-outdated",
        "edge us-east-1 dhmc-managed - -",
        "edge us-east-1 profile-managed - -",
    ]

    func run(_ rule: String, phase: Phase = .post) async throws -> (ScenarioOrganization, AuditReport) {
        let org = try Self.organization.get()
        let (context, rules) = try org.context(
            phase: phase, parameters: try org.sampleParameters(), regions: ["us-east-1", "eu-west-1"])
        return (org, await AuditRunner(rules: rules.rules.filter { $0.id == rule }).run(context: context))
    }

    @Test func theCoverageNamesEveryCauseInOrder() async throws {
        let (org, report) = try await run("agent-coverage")
        let lines = report.coverage.instances.filter { org.accountName($0.accountId) != "management" }.map {
            "\(org.accountName($0.accountId)) \($0.region) \(org.resourceName($0.instanceId)) \($0.reason?.rawValue ?? "-") "
                + ($0.causes.isEmpty ? "-" : $0.causes.map(\.rawValue).joined(separator: ","))
        }.sorted()
        #expect(lines.map { $0.replacingOccurrences(of: " no-association ", with: " - ") } == Self.expectedCauses)
    }

    @Test func ssmAgentFindingsCarryTheCausesTheFirstInWordsAndTheFixes() async throws {
        let (org, report) = try await run("ssm-agent", phase: .pre)
        let findings = report.results.filter { $0.status == .fail }
        func finding(_ name: String) throws -> CheckResult {
            try #require(findings.first { org.resourceName($0.resource) == name }, "\(name)")
        }
        #expect(findings.count == 11, "\(findings.map(\.message))")
        let noPath = try finding("no-network-path")
        #expect(noPath.evidence["causes"] == .array(["no-network-path"]))
        #expect(noPath.message.contains("no route to Systems Manager: subnet subnet-"))
        #expect(noPath.message.contains("the VPC has no ssmmessages, ec2messages endpoints"))
        #expect(noPath.remediation?.contains("aws ec2 create-vpc-endpoint --region us-east-1 --vpc-id vpc-") == true)
        #expect(noPath.remediation?.contains("--service-name com.amazonaws.us-east-1.ssmmessages") == true)
        let both = try finding("imds-and-no-path")
        #expect(both.evidence["causes"] == .array(["imds-disabled", "no-network-path"]))
        #expect(both.message.contains("the instance metadata service is disabled"))
        #expect(both.remediation?.contains("--http-endpoint enabled") == true)
        let profile = try finding("no-profile")
        #expect(profile.remediation?.contains("aws ec2 associate-iam-instance-profile --region us-east-1 --instance-id i-") == true)
        #expect(profile.remediation?.contains("aws ssm update-service-setting --region us-east-1") == true)
        let role = try finding("role-without-ssm")
        #expect(role.message.contains(":role/RoleWithoutSSM cannot perform ssm:UpdateInstanceInformation"))
        #expect(role.remediation?.contains("aws iam attach-role-policy --role-name RoleWithoutSSM") == true)
        let outdated = try finding("agent-outdated")
        #expect(outdated.message.contains("older than 3.2.582.0"))
        let unknown = try finding("unknown")
        #expect(unknown.message.contains("platform linux, AMI ami-"))
        #expect(try finding("sg-blocks-https").remediation?.contains("aws ec2 authorize-security-group-egress") == true)
        #expect(try finding("nacl-blocks-https").remediation?.contains("aws ec2 create-network-acl-entry") == true)
        #expect(try finding("dns-disabled").remediation?.contains("--enable-dns-support") == true)
        #expect(report.results.allSatisfy { $0.status != .error }, "\(report.results.filter { $0.status == .error }.map(\.message))")
    }

    @Test func anEndpointOnlyInstanceCannotReachWorkloadSecurity() async throws {
        let (org, report) = try await run("workload-security-network")
        let warnings = report.results.filter { $0.status == .warn }
        #expect(warnings.map { org.resourceName($0.resource) } == ["endpoints-only"], "\(report.results.map(\.message))")
        #expect(warnings.first?.evidence["reason"] == "no-network-path-to-workload-security")
        #expect(report.results.allSatisfy { $0.status == .warn || $0.status == .pass }, "\(report.results.map(\.message))")
    }
}
