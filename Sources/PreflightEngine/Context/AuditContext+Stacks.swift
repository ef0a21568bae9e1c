import AWSCore
import AWSServices

extension AuditContext {
    /// The deployed root stack, `nil` when it does not exist; described once per run.
    func rootStack() async -> Result<CloudFormation.Stack?, AuditError> {
        await rootStackMemo.value(for: "root") {
            let name = self.options.stackName
            return await self.call("cloudformation:DescribeStacks") {
                try await CloudFormation(client: self.client, context: self.callerContext()).describeStack(name: name)
            }
        }
    }

    /// The deployed stack and its nested stacks, root first; read once per run.
    func deployedStacks() async -> Result<[(stack: CloudFormation.Stack, resources: [CloudFormation.StackResource])], AuditError> {
        await deployedStacksMemo.value(for: "stacks") { await self.readDeployedStacks() }
    }

    private func readDeployedStacks() async -> Result<[(stack: CloudFormation.Stack, resources: [CloudFormation.StackResource])], AuditError> {
        let cloudFormation = CloudFormation(client: client, context: callerContext())
        var stacks: [(stack: CloudFormation.Stack, resources: [CloudFormation.StackResource])] = []
        var pending = [options.stackName]
        while let name = pending.first {
            pending.removeFirst()
            let described = stacks.isEmpty
                ? await rootStack()
                : await call("cloudformation:DescribeStacks") { try await cloudFormation.describeStack(name: name) }
            guard case .success(let found) = described else { return described.map { _ in [] } }
            guard let stack = found else {
                return .failure(AuditError(message: "stack \(name) does not exist", code: "ValidationError"))
            }
            let listed = await call("cloudformation:ListStackResources") {
                try await cloudFormation.listStackResources(stack: stack.stackId ?? name)
            }
            guard case .success(let resources) = listed else { return listed.map { _ in [] } }
            stacks.append((stack, resources))
            pending += resources.filter { $0.resourceType == "AWS::CloudFormation::Stack" }.compactMap(\.physicalResourceId)
        }
        return .success(stacks)
    }

    /// The Lambda role created by the deployed stack, found by its logical id in the stack or a nested stack.
    func deployedLambdaRoleArn() async -> Result<String, AuditError> {
        let logicalId = options.deployment.lambdaRoleLogicalId
        switch await deployedStacks() {
        case .failure(let error):
            return .failure(error)
        case .success(let stacks):
            let roleName = stacks.flatMap(\.resources)
                .first { $0.logicalResourceId == logicalId && $0.resourceType == "AWS::IAM::Role" }?.physicalResourceId
            guard let roleName else {
                return .failure(AuditError(message: "the stack \(options.stackName) has no role \(logicalId)"))
            }
            return await call("iam:GetRole") {
                try await IAM(client: self.client, context: self.callerContext()).getRole(name: roleName).arn
            }
        }
    }

    /// The deployment parameters: the `--parameters` file's values, completed after deployment by the deployed
    /// stack's own parameters (values CloudFormation masks as `****` are left out).
    public func effectiveParameters() async -> DeploymentParameters {
        guard options.phase == .post else { return options.parameters }
        return await parametersFromStackMemo.value(for: "parameters") {
            var merged = self.options.parameters
            if case .success(let stack?) = await self.rootStack() {
                for parameter in stack.parameters ?? [] where merged.values[parameter.key] == nil {
                    guard let value = parameter.value, !value.allSatisfy({ $0 == "*" }) else { continue }
                    merged.values[parameter.key] = (value, 0)
                }
            }
            return merged
        }
    }
}
