import AWSServices

/// A deployed stack (the root or a nested one) and its resources.
struct DeployedStack: Sendable {
    var stack: CloudFormation.Stack
    var resources: [CloudFormation.StackResource]
}
