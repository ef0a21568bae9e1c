import AWSCore
import AWSServices
import NetworkPath

/// The reads of the instance diagnosis: each account × region's network, instance-profile associations and Default
/// Host Management Configuration, each profile's role and what that role may do. Only account × regions with an
/// instance to diagnose (or, for the network, one the Workload Security network rule asks about) are read.
extension InventoryStore {
    /// The network of the VPCs of `scope`'s running instances, filtered to them.
    func network(in scope: AccountRegion) async throws(AuditError) -> NetworkModel {
        try await networks.value(for: scope) {
            await AuditError.catching { () async throws(AuditError) in try await self.readNetwork(in: scope) }
        }.get()
    }

    /// The diagnosis of every running instance of `scope` that Systems Manager does not manage or whose agent is not
    /// online, by instance id.
    func diagnoses(in scope: AccountRegion) async throws(AuditError) -> [String: InstanceDiagnosis] {
        try await diagnosesMemo.value(for: scope) {
            await AuditError.catching { () async throws(AuditError) in try await self.diagnose(scope) }
        }.get()
    }

    private func readNetwork(in scope: AccountRegion) async throws(AuditError) -> NetworkModel {
        let vpcs = Set(try await runningInstances(in: scope).compactMap(\.vpcId)).sorted()
        guard !vpcs.isEmpty else { return NetworkModel(region: scope.region.rawValue) }
        func read<T: Sendable>(_ action: String, _ body: @escaping @Sendable (EC2) async throws -> T) async -> Result<T, AuditError> {
            await AuditError.catching { () async throws(AuditError) in
                try await self.call(action, in: scope) { context in try await body(EC2(client: self.calls.client, context: context)) }
            }
        }
        async let tables = read("ec2:DescribeRouteTables") { try await $0.describeRouteTables(vpcIds: vpcs) }
        async let subnets = read("ec2:DescribeSubnets") { try await $0.describeSubnets(vpcIds: vpcs) }
        async let groups = read("ec2:DescribeSecurityGroups") { try await $0.describeSecurityGroups(vpcIds: vpcs) }
        async let acls = read("ec2:DescribeNetworkAcls") { try await $0.describeNetworkAcls(vpcIds: vpcs) }
        async let endpoints = read("ec2:DescribeVpcEndpoints") { try await $0.describeVpcEndpoints(vpcIds: vpcs) }
        // DNS hostnames matter only to interface endpoints: a VPC without one is asked for DNS support alone.
        let interfaces = try await endpoints.get()
        let withEndpoints = Set(interfaces.filter { $0.vpcEndpointType?.lowercased() == "interface" }.map(\.vpcId))
        var attributes: [String: EC2.DNSAttributes] = [:]
        for vpc in vpcs {
            let hostnames = withEndpoints.contains(vpc)
            attributes[vpc] = try await read("ec2:DescribeVpcAttribute") {
                try await $0.describeDNSAttributes(vpcId: vpc, hostnames: hostnames)
            }.get()
        }
        return try NetworkModel(
            region: scope.region.rawValue, routeTables: try await tables.get(), subnets: try await subnets.get(),
            securityGroups: try await groups.get(), networkAcls: try await acls.get(), endpoints: interfaces,
            dnsAttributes: attributes)
    }

    private func diagnose(_ scope: AccountRegion) async throws(AuditError) -> [String: InstanceDiagnosis] {
        async let managedList = AuditError.catching { () async throws(AuditError) in try await self.managedInstances(in: scope) }
        let running = try await runningInstances(in: scope)
        let managed = try await managedList.get()
        let subjects = running.filter { managed[$0.instanceId]?.pingStatus != "Online" }
        guard !subjects.isEmpty else { return [:] }
        async let network = AuditError.catching { () async throws(AuditError) in try await self.network(in: scope) }
        let ids = subjects.map(\.instanceId)
        let profiles = await AuditError.catching { () async throws(AuditError) -> [String: String] in
            let associations = try await self.call("ec2:DescribeIamInstanceProfileAssociations", in: scope) { context in
                try await EC2(client: self.calls.client, context: context).describeInstanceProfileAssociations(instanceIds: ids)
            }
            var byInstance: [String: String] = [:]
            for association in associations where ["associated", "associating"].contains(association.state ?? "associated") {
                if let arn = association.iamInstanceProfile?.arn { byInstance[association.instanceId] = arn }
            }
            return byInstance
        }
        let needsDefault: Bool
        switch profiles {
        case .success(let map): needsDefault = ids.contains { map[$0] == nil }
        case .failure: needsDefault = true
        }
        let defaultRole: Result<String?, AuditError> =
            needsDefault ? await defaultHostManagementRole(in: scope) : .success(nil)
        let partition = try await principals.caller().partition
        let assessed = await network
        var diagnoses: [String: InstanceDiagnosis] = [:]
        for instance in subjects {
            let profile = profiles.map { $0[instance.instanceId] }
            var role: Result<RoleVerdict, AuditError>?
            switch (profile, defaultRole) {
            case (.success(let arn?), _):
                switch await profileRole(arn, account: scope.account) {
                case .success(let roleArn?): role = await verdict(role: roleArn, in: scope)
                case .success(nil): role = .failure(AuditError(message: "instance profile \(arn) holds no role"))
                case .failure(let error): role = .failure(error)
                }
            case (.success(nil), .success(let name?)):
                role = await verdict(role: "arn:\(partition):iam::\(scope.account.rawValue):role/\(name)", in: scope)
            default:
                role = nil
            }
            let facts = InstanceFacts(
                instanceId: instance.instanceId, account: scope.account.rawValue, region: scope.region.rawValue,
                partition: partition, platform: instance.platform, imageId: instance.imageId,
                imdsDisabled: instance.metadataOptions?.httpEndpoint == "disabled", vpcId: instance.vpcId,
                subnetId: instance.subnetId, securityGroupIds: instance.groupSet?.map(\.groupId) ?? [],
                profile: profile, defaultHostManagementRole: defaultRole, role: role,
                network: instance.subnetId == nil ? nil : assessed.flatMap { model in
                    Result(catching: { () throws(AuditError) -> NetworkAssessment in try Self.assess(instance, in: model) })
                },
                agentVersion: managed[instance.instanceId]?.agentVersion)
            diagnoses[instance.instanceId] = InstanceDiagnosis(facts)
        }
        return diagnoses
    }

    /// `instance`'s path in `model`.
    static func assess(_ instance: EC2.Instance, in model: NetworkModel) throws(AuditError) -> NetworkAssessment {
        let network = InstanceNetwork(
            subnetId: instance.subnetId ?? "", privateAddress: instance.privateIpAddress.flatMap(IPv4Block.init),
            hasPublicAddress: instance.ipAddress != nil, securityGroupIds: instance.groupSet?.map(\.groupId) ?? [])
        do {
            return try model.assess(network)
        } catch {
            throw AuditError(message: "the network of \(instance.instanceId) cannot be evaluated: \(error)")
        }
    }

    /// Default Host Management Configuration's role name in `scope`, nil when it is not set up (`$None`).
    private func defaultHostManagementRole(in scope: AccountRegion) async -> Result<String?, AuditError> {
        await defaultHostManagement.value(for: scope) {
            await AuditError.catching { () async throws(AuditError) -> String? in
                let setting = try await self.call("ssm:GetServiceSetting", in: scope) { context in
                    try await SSM(client: self.calls.client, context: context)
                        .getServiceSetting(SSM.defaultInstanceManagementRoleSetting)
                }
                guard let value = setting.settingValue, !value.isEmpty, value != "$None" else { return nil }
                return value
            }
        }
    }

    /// The role ARN of the instance profile `arn`, nil when it holds none; once per profile in a run.
    private func profileRole(_ arn: String, account: AccountID) async -> Result<String?, AuditError> {
        await profileRoles.value(for: arn) {
            await AuditError.catching { () async throws(AuditError) -> String? in
                guard let name = arn.split(separator: "/").last.map(String.init) else {
                    throw AuditError(message: "cannot read the instance profile's name in \(arn)")
                }
                let scope = AccountRegion(account, self.calls.homeRegion)
                let profile = try await self.call("iam:GetInstanceProfile", in: scope) { context in
                    try await IAM(client: self.calls.client, context: context).getInstanceProfile(name: name)
                }
                return profile.roles.first?.arn
            }
        }
    }

    /// What `role` may do of what the agent needs, by the simulator in the role's account; once per role in a run.
    private func verdict(role: String, in scope: AccountRegion) async -> Result<RoleVerdict, AuditError> {
        await roleVerdicts.value(for: role) {
            await AuditError.catching { () async throws(AuditError) -> RoleVerdict in
                let home = AccountRegion(scope.account, self.calls.homeRegion)
                let evaluations = try await self.call("iam:SimulatePrincipalPolicy", in: home) { context in
                    try await IAM(client: self.calls.client, context: context)
                        .simulatePrincipalPolicy(principalArn: role, actions: RoleVerdict.agentActions, resources: [])
                }
                return try RoleVerdict(role: role, evaluations: evaluations)
            }
        }
    }
}
