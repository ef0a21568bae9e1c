import NetworkPath

/// The causes that keep one instance from Systems Manager, each with what it means for this instance and the fix,
/// its ids filled in; and what could not be looked at (then `unknown` is never concluded).
struct InstanceDiagnosis: Sendable, Equatable {
    /// One cause that applies.
    struct Finding: Sendable, Equatable {
        var cause: DiagnosisCause
        /// The cause in words, for this instance.
        var detail: String
        /// The commands or changes that remove it.
        var remediation: String
    }

    var findings: [Finding]
    /// What could not be read, so that causes may be missing.
    var undetermined: [String]

    var causes: [DiagnosisCause] { findings.map(\.cause) }

    /// What the network model reads, in the instances' accounts.
    static let networkPermissions: [AuditorPermission] = [
        "ec2:DescribeRouteTables", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls",
        "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcAttribute",
    ].map { AuditorPermission($0, in: .member) }

    /// What the diagnosis reads, in the instances' accounts: the network, and the profile, DHMC and role.
    static let auditorPermissions: [AuditorPermission] = networkPermissions + [
        "ec2:DescribeIamInstanceProfileAssociations", "ssm:GetServiceSetting", "iam:GetInstanceProfile",
        "iam:SimulatePrincipalPolicy",
    ].map { AuditorPermission($0, in: .member) }

    /// The diagnosis of `facts`: a pure function of what was read.
    init(_ facts: InstanceFacts) {
        var findings: [Finding] = []
        var undetermined: [String] = []
        let region = facts.region
        func note<T>(_ result: Result<T, AuditError>?) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let error): undetermined.append(error.message); return nil
            case nil: return nil
            }
        }
        let profile: String? = note(facts.profile) ?? nil
        let dhmc: String? = note(facts.defaultHostManagementRole) ?? nil
        if case .success(nil) = facts.profile, case .success(nil) = facts.defaultHostManagementRole {
            let setting = "arn:\(facts.partition):ssm:\(region):\(facts.account):servicesetting"
                + "/ssm/managed-instance/default-ec2-instance-management-role"
            findings.append(Finding(
                cause: .noInstanceProfile,
                detail: "no instance profile is attached and Default Host Management Configuration is not set up in "
                    + "\(facts.account) \(region)",
                remediation: "Attach an instance profile whose role has AmazonSSMManagedInstanceCore:\n"
                    + "aws ec2 associate-iam-instance-profile --region \(region) --instance-id \(facts.instanceId) "
                    + "--iam-instance-profile Name=PROFILE_WITH_AmazonSSMManagedInstanceCore\n"
                    + "or enable Default Host Management Configuration:\n"
                    + "aws ssm update-service-setting --region \(region) --setting-id \(setting) "
                    + "--setting-value service-role/AWSSystemsManagerDefaultEC2InstanceManagementRole"))
        }
        if let verdict = note(facts.role), !verdict.denials.isEmpty {
            findings.append(Self.roleFinding(verdict, partition: facts.partition, viaProfile: profile != nil))
        }
        if facts.imdsDisabled {
            findings.append(Finding(
                cause: .imdsDisabled, detail: "the instance metadata service is disabled (HttpEndpoint disabled)",
                remediation: "aws ec2 modify-instance-metadata-options --region \(region) --instance-id \(facts.instanceId) "
                    + "--http-endpoint enabled"))
        }
        if let assessment = note(facts.network) {
            findings += assessment.problems.map { Self.networkFinding($0, facts) }
        }
        if profile == nil, dhmc != nil, let text = facts.agentVersion, let version = AgentVersion(text),
            version < AgentVersion.defaultHostManagementMinimum
        {
            findings.append(Finding(
                cause: .agentOutdated,
                detail: "the instance relies on Default Host Management Configuration and its SSM agent \(version) is "
                    + "older than \(AgentVersion.defaultHostManagementMinimum)",
                remediation: "Update the SSM agent on \(facts.instanceId) to \(AgentVersion.defaultHostManagementMinimum) "
                    + "or later (the AWS-UpdateSSMAgent document once it is managed, or the platform's package), or "
                    + "attach an instance profile:\naws ec2 associate-iam-instance-profile --region \(region) "
                    + "--instance-id \(facts.instanceId) --iam-instance-profile Name=PROFILE_WITH_AmazonSSMManagedInstanceCore"))
        }
        if findings.isEmpty && undetermined.isEmpty {
            let platform = facts.platform ?? "linux"
            findings.append(Finding(
                cause: .unknown,
                detail: "no cause found: the SSM agent is probably not installed or not running (platform \(platform), "
                    + "AMI \(facts.imageId ?? "unknown"))",
                remediation: "Install and start the SSM agent on \(facts.instanceId) (\(platform), AMI "
                    + "\(facts.imageId ?? "unknown")), or launch from an AMI that includes it."))
        }
        self.findings = findings
        self.undetermined = undetermined
    }

    private static func roleFinding(_ verdict: RoleVerdict, partition: String, viaProfile: Bool) -> Finding {
        let roleName = verdict.roleArn.split(separator: "/").last.map(String.init) ?? verdict.roleArn
        let deniedBy = Set(verdict.denials.flatMap(\.deniedBy))
        let actions = verdict.denials.map(\.action)
        var detail = "\(viaProfile ? "the instance profile's role" : "Default Host Management Configuration's role") "
            + "\(verdict.roleArn) cannot perform \(actions.joined(separator: ", "))"
        if !deniedBy.isEmpty { detail += " (denied by \(deniedBy.sorted().joined(separator: ", ")))" }
        var remediation = "aws iam attach-role-policy --role-name \(roleName) "
            + "--policy-arn arn:\(partition):iam::aws:policy/AmazonSSMManagedInstanceCore"
        if deniedBy.contains("scp") { remediation += "\nand allow \(actions.joined(separator: ", ")) in the SCP that denies them" }
        if deniedBy.contains("permissions-boundary") {
            remediation += "\nand allow \(actions.joined(separator: ", ")) in the role's permissions boundary"
        }
        if deniedBy.contains("explicit-deny") { remediation += "\nand remove the explicit Deny that matches them" }
        return Finding(cause: .instanceRoleLacksSSMPermissions, detail: detail, remediation: remediation)
    }

    private static func networkFinding(_ problem: NetworkProblem, _ facts: InstanceFacts) -> Finding {
        let region = facts.region
        switch problem {
        case .noNetworkPath(let subnet, let table, let missing):
            let services = missing.map(\.rawValue).joined(separator: ", ")
            let vpc = facts.vpcId ?? "VPC_ID"
            let commands = missing.map { service in
                "aws ec2 create-vpc-endpoint --region \(region) --vpc-id \(vpc) --vpc-endpoint-type Interface "
                    + "--service-name \(service.endpointServiceName(in: region)) --subnet-ids \(subnet) --private-dns-enabled"
            }
            return Finding(
                cause: .noNetworkPath,
                detail: "no route to Systems Manager: subnet \(subnet) has no default route and the VPC has no "
                    + "\(services) endpoints (route table \(table))",
                remediation: "Create the interface endpoints (their security group must allow TCP 443 from the instance):\n"
                    + commands.joined(separator: "\n")
                    + "\nor route 0.0.0.0/0 in \(table) through a NAT gateway (or an internet gateway, with a public IP).")
        case .securityGroupBlocksHTTPS(let instanceGroups, let endpointGroups):
            var details: [String] = []
            var commands: [String] = []
            if !instanceGroups.isEmpty {
                details.append("security groups \(instanceGroups.joined(separator: ", ")) allow no outbound TCP 443 to Systems Manager")
                commands.append("aws ec2 authorize-security-group-egress --region \(region) --group-id \(instanceGroups[0]) "
                    + "--protocol tcp --port 443 --cidr 0.0.0.0/0")
            }
            if !endpointGroups.isEmpty {
                details.append("the endpoints' security groups \(endpointGroups.joined(separator: ", ")) allow no inbound TCP 443 from the instance")
                let source = facts.securityGroupIds.first.map { "--source-group \($0)" } ?? "--cidr INSTANCE_ADDRESS/32"
                commands += endpointGroups.map {
                    "aws ec2 authorize-security-group-ingress --region \(region) --group-id \($0) --protocol tcp --port 443 \(source)"
                }
            }
            return Finding(
                cause: .securityGroupBlocksHTTPS, detail: details.joined(separator: "; "),
                remediation: commands.joined(separator: "\n"))
        case .networkACLBlocksHTTPS(let acl, let egress):
            let subnet = facts.subnetId ?? "its subnet"
            let detail = egress
                ? "network ACL \(acl) of \(subnet) denies outbound TCP 443"
                : "network ACL \(acl) of \(subnet) denies the inbound replies on TCP 1024-65535"
            let direction = egress ? "--egress --port-range From=443,To=443" : "--ingress --port-range From=1024,To=65535"
            return Finding(
                cause: .networkACLBlocksHTTPS, detail: detail,
                remediation: "aws ec2 create-network-acl-entry --region \(region) --network-acl-id \(acl) "
                    + "--rule-number RULE_NUMBER_BELOW_THE_DENY \(direction) --protocol tcp --cidr-block 0.0.0.0/0 "
                    + "--rule-action allow")
        case .vpcDNSDisabled(let vpc, let attribute):
            let option = attribute == "enableDnsSupport" ? "--enable-dns-support" : "--enable-dns-hostnames"
            return Finding(
                cause: .vpcDNSDisabled, detail: "\(attribute) is off in \(vpc)",
                remediation: "aws ec2 modify-vpc-attribute --region \(region) --vpc-id \(vpc) \(option) '{\"Value\":true}'")
        }
    }
}
