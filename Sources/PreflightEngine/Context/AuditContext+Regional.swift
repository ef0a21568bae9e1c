import AWSCore
import AWSServices

extension AuditContext {
    /// Runs `body` with a call context for `account` in `region`, or returns the credentials' failure. At most
    /// `options.accountRegionConcurrency` calls of one account and region are in flight at once.
    func inAccount<T: Sendable>(
        _ account: String, _ region: String, _ action: String, _ body: @escaping @Sendable (AWSCallContext) async throws -> T
    ) async -> Result<T, AuditError> {
        switch await context(account: account, region: region) {
        case .failure(let error):
            return .failure(error)
        case .success(let context):
            let limit = accountRegionLimits.semaphore(account: account, region: region)
            return await limit.withPermit { await self.call(action) { try await body(context) } }
        }
    }

    /// The running instances of `account` in `region`; stopped and terminated ones are never audited.
    public func runningInstances(account: String, region: String) async -> Result<[EC2.Instance], AuditError> {
        await instancesMemo.value(for: "\(account)/\(region)") {
            let instances = await self.inAccount(account, region, "ec2:DescribeInstances") { context in
                var list = try await EC2(client: self.client, context: context).describeInstances(states: ["running"])
                    .sorted { $0.instanceId < $1.instanceId }
                // Instances mostly share a few profiles: keep one copy of each ARN, which results quote as evidence.
                var profiles: Set<String> = []
                for index in list.indices {
                    if let arn = list[index].iamInstanceProfile?.arn {
                        list[index].iamInstanceProfile?.arn = profiles.insert(arn).memberAfterInsert
                    }
                }
                return list
            }
            await self.progress?.completed()
            return instances
        }
    }

    /// The instances Systems Manager manages in `account` and `region`, by instance id.
    public func managedInstances(account: String, region: String) async
        -> Result<[String: SSM.InstanceInformation], AuditError>
    {
        await managedMemo.value(for: "\(account)/\(region)") {
            await self.inAccount(account, region, "ssm:DescribeInstanceInformation") { context in
                let list = try await SSM(client: self.client, context: context).describeInstanceInformation()
                return Dictionary(list.map { ($0.InstanceId, $0) }, uniquingKeysWith: { first, _ in first })
            }
        }
    }

    /// The deployment's SSM parameters present in `account` and `region` (values stay in memory only).
    public func deploymentParameters(account: String, region: String) async -> Result<SSM.ParametersResult, AuditError> {
        let names = options.deployment.parameters.map(\.name)
        return await parametersMemo.value(for: "\(account)/\(region)") {
            await self.inAccount(account, region, "ssm:GetParameters") { context in
                try await SSM(client: self.client, context: context).getParameters(names: names)
            }
        }
    }

    /// The deployment's associations (by name) in `account` and `region`, with their full definitions.
    public func deploymentAssociations(account: String, region: String) async -> Result<[SSM.Association], AuditError> {
        let name = options.deployment.association.name
        return await associationsMemo.value(for: "\(account)/\(region)") {
            let listed = await self.inAccount(account, region, "ssm:ListAssociations") { context in
                try await SSM(client: self.client, context: context).listAssociations(named: name)
            }
            guard case .success(let associations) = listed else { return listed }
            var described: [SSM.Association] = []
            for association in associations {
                let result = await self.inAccount(account, region, "ssm:DescribeAssociation") { context in
                    try await SSM(client: self.client, context: context).describeAssociation(id: association.AssociationId)
                }
                switch result {
                case .success(let full): described.append(full)
                case .failure(let error): return .failure(error)
                }
            }
            return .success(described)
        }
    }

    /// The status of the latest outcome (`Success`, `Failed`, …; `Pending` when it has none) of the deployment's
    /// association on each instance of `account` and `region` that needs one, by instance id, read from the
    /// association's executions and their targets (newest execution first), not one call per instance. Older
    /// executions are read only while a running, managed and online instance has no outcome yet.
    public func associationOutcomes(account: String, region: String) async -> Result<[String: String], AuditError> {
        await outcomesMemo.value(for: "\(account)/\(region)") {
            let associations = await self.deploymentAssociations(account: account, region: region)
            guard case .success(let list) = associations else { return associations.map { _ in [:] } }
            let awaiting = await self.instancesAwaitingOutcome(account: account, region: region)
            var outcomes: [String: String] = [:]
            for association in list {
                if let awaiting, awaiting.allSatisfy({ outcomes[$0] != nil }) { break }
                let executions = await self.inAccount(account, region, "ssm:DescribeAssociationExecutions") { context in
                    try await SSM(client: self.client, context: context)
                        .describeAssociationExecutions(associationId: association.AssociationId)
                }
                guard case .success(let runs) = executions else { return executions.map { _ in [:] } }
                let newestFirst = runs.sorted { ($0.CreatedTime ?? .distantPast) > ($1.CreatedTime ?? .distantPast) }
                for run in newestFirst {
                    if let awaiting, awaiting.allSatisfy({ outcomes[$0] != nil }) { break }
                    let targets = await self.inAccount(account, region, "ssm:DescribeAssociationExecutionTargets") {
                        context in
                        try await SSM(client: self.client, context: context).describeAssociationExecutionTargets(
                            associationId: association.AssociationId, executionId: run.ExecutionId)
                    }
                    guard case .success(let list) = targets else { return targets.map { _ in [:] } }
                    for target in list where outcomes[target.ResourceId] == nil {
                        outcomes[target.ResourceId] = target.Status ?? "Pending"
                    }
                }
            }
            return .success(outcomes)
        }
    }

    /// The running instances of `account` in `region` that are managed and online, the only ones whose association
    /// outcome decides their coverage; `nil` when either list cannot be read (then every execution is read).
    func instancesAwaitingOutcome(account: String, region: String) async -> [String]? {
        async let running = runningInstances(account: account, region: region)
        async let managed = managedInstances(account: account, region: region)
        guard case .success(let instances) = await running, case .success(let registry) = await managed else { return nil }
        return instances.map(\.instanceId).filter { registry[$0]?.PingStatus == "Online" }
    }
}
