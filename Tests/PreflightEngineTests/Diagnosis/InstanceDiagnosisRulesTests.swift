import NetworkPath
import Testing

@testable import PreflightEngine

/// The diagnosis as a pure function of what was read, cause by cause: the order, what each needs, and that
/// `unknown` is never concluded when something could not be read.
@Suite struct InstanceDiagnosisRulesTests {
    static let healthyNetwork = NetworkAssessment(problems: [], reachesInternet: true, throughEndpoints: [])

    static func facts(
        profile: Result<String?, AuditError> = .success("arn:aws:iam::111111111111:instance-profile/SSM"),
        dhmc: Result<String?, AuditError> = .success(nil), role: Result<RoleVerdict, AuditError>? = nil,
        imdsDisabled: Bool = false, network: Result<NetworkAssessment, AuditError>? = .success(healthyNetwork),
        agentVersion: String? = nil
    ) -> InstanceFacts {
        InstanceFacts(
            instanceId: "i-0abc", account: "111111111111", region: "eu-west-1", partition: "aws", platform: nil,
            imageId: "ami-0123", imdsDisabled: imdsDisabled, vpcId: "vpc-1", subnetId: "subnet-1", securityGroupIds: ["sg-1"],
            profile: profile, defaultHostManagementRole: dhmc, role: role, network: network, agentVersion: agentVersion)
    }

    static let lacking = RoleVerdict(
        roleArn: "arn:aws:iam::111111111111:role/AppRole",
        denials: [.init(action: "ssm:UpdateInstanceInformation", deniedBy: ["scp"])])

    @Test func noProfileWithoutDefaultHostManagementIsTheFirstCause() {
        let diagnosis = InstanceDiagnosis(Self.facts(profile: .success(nil)))
        #expect(diagnosis.causes == [.noInstanceProfile])
        #expect(diagnosis.findings[0].detail.contains("in 111111111111 eu-west-1"))
        #expect(diagnosis.findings[0].remediation.contains(
            "aws ec2 associate-iam-instance-profile --region eu-west-1 --instance-id i-0abc"))
        #expect(diagnosis.findings[0].remediation.contains(
            "--setting-id arn:aws:ssm:eu-west-1:111111111111:servicesetting/ssm/managed-instance/default-ec2-instance-management-role"))
        #expect(InstanceDiagnosis(Self.facts(profile: .success(nil), dhmc: .success("service-role/DHMC"))).causes == [.unknown])
    }

    @Test func everyCauseThatAppliesIsListedInOrder() {
        let network = NetworkAssessment(
            problems: [
                .noNetworkPath(subnetId: "subnet-1", routeTableId: "rtb-1", missingEndpoints: [.ssm, .ssmmessages, .ec2messages]),
                .vpcDNSDisabled(vpcId: "vpc-1", attribute: "enableDnsSupport"),
            ],
            reachesInternet: false, throughEndpoints: [])
        let diagnosis = InstanceDiagnosis(Self.facts(role: .success(Self.lacking), imdsDisabled: true, network: .success(network)))
        #expect(diagnosis.causes == [.instanceRoleLacksSSMPermissions, .imdsDisabled, .noNetworkPath, .vpcDNSDisabled])
        #expect(diagnosis.findings[0].detail
            == "the instance profile's role arn:aws:iam::111111111111:role/AppRole cannot perform ssm:UpdateInstanceInformation (denied by scp)")
        #expect(diagnosis.findings[0].remediation.contains("in the SCP that denies them"))
        #expect(diagnosis.findings[2].detail
            == "no route to Systems Manager: subnet subnet-1 has no default route and the VPC has no ssm, ssmmessages, ec2messages endpoints (route table rtb-1)")
        #expect(diagnosis.findings[2].remediation.components(separatedBy: "aws ec2 create-vpc-endpoint").count == 4)
        #expect(diagnosis.findings[3].remediation
            == "aws ec2 modify-vpc-attribute --region eu-west-1 --vpc-id vpc-1 --enable-dns-support '{\"Value\":true}'")
    }

    @Test func anOutdatedAgentMattersOnlyForDefaultHostManagement() {
        let dhmc = Result<String?, AuditError>.success("service-role/DHMC")
        #expect(InstanceDiagnosis(Self.facts(profile: .success(nil), dhmc: dhmc, agentVersion: "3.2.581.99")).causes == [.agentOutdated])
        #expect(InstanceDiagnosis(Self.facts(profile: .success(nil), dhmc: dhmc, agentVersion: "3.2.582.0")).causes == [.unknown])
        #expect(InstanceDiagnosis(Self.facts(profile: .success(nil), dhmc: dhmc, agentVersion: "3.10.1.0")).causes == [.unknown])
        #expect(InstanceDiagnosis(Self.facts(dhmc: dhmc, agentVersion: "3.1.0.0")).causes == [.unknown], "it has a profile")
        #expect(InstanceDiagnosis(Self.facts(profile: .success(nil), dhmc: dhmc)).causes == [.unknown], "no version reported")
    }

    @Test func whatCouldNotBeReadIsSaidAndUnknownIsNotConcluded() {
        let denied = AuditError(message: "access denied for ec2:DescribeRouteTables")
        let diagnosis = InstanceDiagnosis(Self.facts(network: .failure(denied)))
        #expect(diagnosis.causes.isEmpty)
        #expect(diagnosis.undetermined == ["access denied for ec2:DescribeRouteTables"])
        let partial = InstanceDiagnosis(Self.facts(imdsDisabled: true, network: .failure(denied)))
        #expect(partial.causes == [.imdsDisabled])
        let noProfileUnknown = InstanceDiagnosis(Self.facts(profile: .failure(denied)))
        #expect(noProfileUnknown.causes.isEmpty, "without the associations, no-instance-profile is not concluded either")
    }

    @Test func unknownNamesThePlatformAndTheImage() {
        var facts = Self.facts()
        facts.platform = "windows"
        #expect(InstanceDiagnosis(facts).findings.map(\.detail) == [
            "no cause found: the SSM agent is probably not installed or not running (platform windows, AMI ami-0123)",
        ])
    }

    @Test func agentVersionsCompareComponentByComponent() {
        #expect(AgentVersion("3.2.582.0")! > AgentVersion("3.2.99.0")!)
        #expect(AgentVersion("3.10.0.0")! > AgentVersion("3.9.9999.0")!)
        #expect(AgentVersion("3.2.582")! == AgentVersion("3.2.582.0")!)
        for text in ["", "3..1", "3.a.1", "v3.2", "3.2.582.0 "] {
            #expect(AgentVersion(text) == nil, "\(text)")
        }
    }

    @Test func causesKeepTheIssuesOrderAndIds() {
        #expect(DiagnosisCause.allCases.map(\.rawValue) == [
            "no-instance-profile", "instance-role-lacks-ssm-permissions", "imds-disabled", "no-network-path",
            "security-group-blocks-https", "network-acl-blocks-https", "vpc-dns-disabled", "agent-outdated", "unknown",
        ])
    }
}
