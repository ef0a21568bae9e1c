/// Every AWS operation Preflight can send. The client accepts nothing else, so a mutating call cannot be
/// expressed: each case is a Get, List, Describe or Simulate operation, or an STS call that obtains credentials.
public enum ReadOnlyOperation: String, Sendable, CaseIterable {
    // STS
    case getCallerIdentity = "GetCallerIdentity"
    case assumeRole = "AssumeRole"
    case assumeRoleWithWebIdentity = "AssumeRoleWithWebIdentity"
    // IAM
    case simulatePrincipalPolicy = "SimulatePrincipalPolicy"
    case simulateCustomPolicy = "SimulateCustomPolicy"
    case getRole = "GetRole"
    case getInstanceProfile = "GetInstanceProfile"
    // Organizations
    case describeOrganization = "DescribeOrganization"
    case listRoots = "ListRoots"
    case listOrganizationalUnitsForParent = "ListOrganizationalUnitsForParent"
    case listAccountsForParent = "ListAccountsForParent"
    case listAWSServiceAccessForOrganization = "ListAWSServiceAccessForOrganization"
    case listDelegatedAdministrators = "ListDelegatedAdministrators"
    case listPolicies = "ListPolicies"
    case describePolicy = "DescribePolicy"
    case listTargetsForPolicy = "ListTargetsForPolicy"
    case listPoliciesForTarget = "ListPoliciesForTarget"
    // EC2
    case describeRegions = "DescribeRegions"
    case describeInstances = "DescribeInstances"
    case describeIamInstanceProfileAssociations = "DescribeIamInstanceProfileAssociations"
    case describeRouteTables = "DescribeRouteTables"
    case describeSubnets = "DescribeSubnets"
    case describeSecurityGroups = "DescribeSecurityGroups"
    case describeNetworkAcls = "DescribeNetworkAcls"
    case describeVpcEndpoints = "DescribeVpcEndpoints"
    case describeVpcAttribute = "DescribeVpcAttribute"
    // SSM
    case describeInstanceInformation = "DescribeInstanceInformation"
    case getParameters = "GetParameters"
    case getServiceSetting = "GetServiceSetting"
    case listAssociations = "ListAssociations"
    case describeAssociation = "DescribeAssociation"
    case describeAssociationExecutions = "DescribeAssociationExecutions"
    case describeAssociationExecutionTargets = "DescribeAssociationExecutionTargets"
    // CloudFormation
    case describeStacks = "DescribeStacks"
    case listStackResources = "ListStackResources"
    case listStackInstances = "ListStackInstances"
    case describeStackEvents = "DescribeStackEvents"
    case describeStackSet = "DescribeStackSet"
    case listStackSetOperations = "ListStackSetOperations"
    case listStackSetOperationResults = "ListStackSetOperationResults"
    case listStackInstanceResourceDrifts = "ListStackInstanceResourceDrifts"
    case listStackSets = "ListStackSets"
    // S3 (the deployment's staging objects)
    case headObject = "HeadObject"
    case getBucketLocation = "GetBucketLocation"
    // Service Quotas
    case getServiceQuota = "GetServiceQuota"
    // AWS Account Management
    case getRegionOptStatus = "GetRegionOptStatus"
    // Secrets Manager (the Cloud One API key, only when asked)
    case getSecretValue = "GetSecretValue"
    // Secrets Manager and KMS (the secret's metadata and policies, never its value)
    case describeSecret = "DescribeSecret"
    case getResourcePolicy = "GetResourcePolicy"
    case describeKey = "DescribeKey"
    case getKeyPolicy = "GetKeyPolicy"

    /// The operation's name on the wire.
    public var name: String { rawValue }

    /// The IAM action (without its service prefix) that authorizes the operation: its name, except for S3's
    /// `HeadObject`, which `s3:GetObject` authorizes.
    public var actionName: String {
        switch self {
        case .headObject: "GetObject"
        default: rawValue
        }
    }
}
