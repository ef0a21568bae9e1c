import AWSCore
import AWSServices

/// The deployment's stacks and StackSet in the administrator account, each read once per run.
final class StackStore: Sendable {
    private let calls: AuditCalls
    private let principals: PrincipalStore
    private let options: AuditOptions
    private let root = SharedValue<Result<CloudFormation.Stack?, AuditError>>()
    private let tree = SharedValue<Result<[DeployedStack], AuditError>>()
    private let merged = SharedValue<DeploymentParameters>()
    private let instances = SharedValue<Result<[CloudFormation.StackInstance], AuditError>>()
    private let stackSet = SharedValue<Result<CloudFormation.StackSet, AuditError>>()
    private let operations = SharedValue<Result<[CloudFormation.StackSetOperation], AuditError>>()

    init(calls: AuditCalls, principals: PrincipalStore, options: AuditOptions) {
        self.calls = calls
        self.principals = principals
        self.options = options
    }

    private var cloudFormation: CloudFormation {
        CloudFormation(client: calls.client, context: principals.callerContext())
    }

    /// The deployed root stack, `nil` when it does not exist.
    func rootStack() async throws(AuditError) -> CloudFormation.Stack? {
        let name = options.stackName
        return try await root.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.calls.call("cloudformation:DescribeStacks") { try await self.cloudFormation.describeStack(name: name) }
            }
        }.get()
    }

    /// The deployed stack and its nested stacks, root first.
    func deployedStacks() async throws(AuditError) -> [DeployedStack] {
        try await tree.value {
            await AuditError.catching { () async throws(AuditError) in try await self.readDeployedStacks() }
        }.get()
    }

    private func readDeployedStacks() async throws(AuditError) -> [DeployedStack] {
        let cloudFormation = cloudFormation
        var stacks: [DeployedStack] = []
        var pending = [options.stackName]
        while let name = pending.first {
            pending.removeFirst()
            let found = stacks.isEmpty
                ? try await rootStack()
                : try await calls.call("cloudformation:DescribeStacks") { try await cloudFormation.describeStack(name: name) }
            guard let stack = found else {
                throw AuditError(message: "stack \(name) does not exist", code: "ValidationError")
            }
            let resources = try await calls.call("cloudformation:ListStackResources") {
                try await cloudFormation.listStackResources(stack: stack.stackId ?? name)
            }
            stacks.append(DeployedStack(stack: stack, resources: resources))
            pending += resources.filter { $0.resourceType == "AWS::CloudFormation::Stack" }.compactMap(\.physicalResourceId)
        }
        return stacks
    }

    /// The Lambda role created by the deployed stack, found by its logical id in the stack or a nested stack.
    func deployedLambdaRoleArn() async throws(AuditError) -> String {
        let logicalId = options.deployment.lambdaRoleLogicalId
        let roleName = try await deployedStacks().flatMap(\.resources)
            .first { $0.logicalResourceId == logicalId && $0.resourceType == "AWS::IAM::Role" }?.physicalResourceId
        guard let roleName else {
            throw AuditError(message: "the stack \(options.stackName) has no role \(logicalId)")
        }
        return try await calls.call("iam:GetRole") {
            try await IAM(client: self.calls.client, context: self.principals.callerContext()).getRole(name: roleName).arn
        }
    }

    /// The deployment parameters: the `--parameters` file's values, completed after deployment by the deployed
    /// stack's own parameters (values CloudFormation masks as `****` are left out).
    func effectiveParameters() async -> DeploymentParameters {
        guard options.phase == .post else { return options.parameters }
        return await merged.value {
            var merged = self.options.parameters
            if let stack = try? await self.rootStack() {
                for parameter in stack.parameters ?? [] where merged.values[parameter.key] == nil {
                    guard let value = parameter.value, !value.allSatisfy({ $0 == "*" }) else { continue }
                    merged.values[parameter.key] = (value, 0)
                }
            }
            return merged
        }
    }

    /// The StackSet's stack instances, listed as the deployment's `AccountAdminStatus` calls it.
    func stackInstances() async throws(AuditError) -> [CloudFormation.StackInstance] {
        let name = options.deployment.stackSetName
        let callAs = await effectiveParameters().accountAdminStatus
        return try await instances.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.calls.call("cloudformation:ListStackInstances") {
                    try await self.cloudFormation.listStackInstances(stackSet: name, callAs: callAs)
                }
            }
        }.get()
    }

    /// The StackSet, as the deployment's `AccountAdminStatus` calls it.
    func describeStackSet() async throws(AuditError) -> CloudFormation.StackSet {
        let name = options.deployment.stackSetName
        let callAs = await effectiveParameters().accountAdminStatus
        return try await stackSet.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.calls.call("cloudformation:DescribeStackSet") {
                    try await self.cloudFormation.describeStackSet(name: name, callAs: callAs)
                }
            }
        }.get()
    }

    /// The StackSet's newest operations (at most `StackStore.operationLimit`), newest first.
    func stackSetOperations() async throws(AuditError) -> [CloudFormation.StackSetOperation] {
        let name = options.deployment.stackSetName
        let callAs = await effectiveParameters().accountAdminStatus
        return try await operations.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.calls.call("cloudformation:ListStackSetOperations") {
                    try await self.cloudFormation.listStackSetOperations(stackSet: name, callAs: callAs, limit: Self.operationLimit)
                }
            }
        }.get()
    }

    /// How many of the StackSet's newest operations a run reads (one page).
    static let operationLimit = 10

    /// The outcome of StackSet operation `operationId` in every account and region.
    func stackSetOperationResults(operationId: String) async throws(AuditError) -> [CloudFormation.StackSetOperationResult] {
        let name = options.deployment.stackSetName
        let callAs = await effectiveParameters().accountAdminStatus
        let cloudFormation = cloudFormation
        return try await calls.call("cloudformation:ListStackSetOperationResults") {
            try await cloudFormation.listStackSetOperationResults(stackSet: name, operationId: operationId, callAs: callAs)
        }
    }

    /// The drifted resources of one stack instance, found by drift detection `operationId`.
    func resourceDrifts(of instance: AccountRegion, operationId: String) async throws(AuditError) -> [CloudFormation.ResourceDrift] {
        let name = options.deployment.stackSetName
        let callAs = await effectiveParameters().accountAdminStatus
        let cloudFormation = cloudFormation
        return try await calls.call("cloudformation:ListStackInstanceResourceDrifts") {
            try await cloudFormation.listStackInstanceResourceDrifts(
                stackSet: name, account: instance.account.rawValue, region: instance.region.rawValue,
                operationId: operationId, callAs: callAs)
        }
    }

    /// The events of stack `id`'s newest deployment, newest first.
    func latestDeploymentEvents(of id: String) async throws(AuditError) -> [CloudFormation.StackEvent] {
        let cloudFormation = cloudFormation
        return try await calls.call("cloudformation:DescribeStackEvents") {
            try await cloudFormation.describeLatestDeploymentEvents(stack: id)
        }
    }
}
