import AWSCore

/// AWS CloudFormation: the deployment's stacks and its StackSet.
public struct CloudFormation: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// A stack and its status.
    public struct Stack: Decodable, Sendable, Equatable {
        public var stackName: String
        public var stackId: String?
        public var stackStatus: String
        public var stackStatusReason: String?
        public var parameters: [Parameter]?

        enum CodingKeys: String, CodingKey {
            case stackName = "StackName", stackId = "StackId", stackStatus = "StackStatus"
            case stackStatusReason = "StackStatusReason", parameters = "Parameters"
        }
    }

    /// A stack parameter; CloudFormation masks `NoEcho` values as `****`.
    public struct Parameter: Decodable, Sendable, Equatable {
        public var key: String
        public var value: String?

        enum CodingKeys: String, CodingKey { case key = "ParameterKey", value = "ParameterValue" }
    }

    /// A resource of a stack.
    public struct StackResource: Decodable, Sendable, Equatable {
        public var logicalResourceId: String
        public var physicalResourceId: String?
        public var resourceType: String
        public var resourceStatus: String
        public var resourceStatusReason: String?

        enum CodingKeys: String, CodingKey {
            case logicalResourceId = "LogicalResourceId", physicalResourceId = "PhysicalResourceId"
            case resourceType = "ResourceType", resourceStatus = "ResourceStatus"
            case resourceStatusReason = "ResourceStatusReason"
        }
    }

    /// One account × region instance of a StackSet.
    public struct StackInstance: Decodable, Sendable, Equatable {
        public var account: String
        public var region: String
        /// `CURRENT`, `OUTDATED` or `INOPERABLE`.
        public var status: String
        public var statusReason: String?
        public var organizationalUnitId: String?
        public var stackInstanceStatus: DetailedStatus?
        /// `DRIFTED`, `IN_SYNC`, `UNKNOWN` or `NOT_CHECKED`.
        public var driftStatus: String?

        /// `PENDING`, `RUNNING`, `SUCCEEDED`, `FAILED`, `CANCELLED`, `INOPERABLE`, … (`StackInstanceStatus`).
        public var detailedStatus: String? { stackInstanceStatus?.detailedStatus }

        enum CodingKeys: String, CodingKey {
            case account = "Account", region = "Region", status = "Status", statusReason = "StatusReason"
            case organizationalUnitId = "OrganizationalUnitId", stackInstanceStatus = "StackInstanceStatus"
            case driftStatus = "DriftStatus"
        }
    }

    /// The detailed status of a stack instance's last operation.
    public struct DetailedStatus: Decodable, Sendable, Equatable {
        public var detailedStatus: String?

        enum CodingKeys: String, CodingKey { case detailedStatus = "DetailedStatus" }
    }

    struct StacksResult: Decodable, Sendable {
        var stacks: [Stack]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case stacks = "Stacks", nextToken = "NextToken" }
    }
    /// A page of a list operation: its items and continuation token.
    protocol SummariesPage: Decodable, Sendable {
        associatedtype Item: Sendable
        var summaries: [Item]? { get }
        var nextToken: String? { get }
    }

    struct ResourcesResult: SummariesPage {
        var summaries: [StackResource]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case summaries = "StackResourceSummaries", nextToken = "NextToken" }
    }
    struct StackInstancesResult: SummariesPage {
        var summaries: [StackInstance]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case summaries = "Summaries", nextToken = "NextToken" }
    }

    /// `cloudformation:DescribeStacks` for one stack name or id.
    public func describeStack(name: String) async throws -> Stack? {
        var parameters = QueryParameters()
        parameters.add("StackName", name)
        let result: StacksResult = try await client.query(
            .describeStacks, service: .cloudFormation, context: context, parameters: parameters)
        return result.stacks?.first
    }

    /// `cloudformation:ListStackResources`, every page.
    public func listStackResources(stack: String) async throws -> [StackResource] {
        var parameters = QueryParameters()
        parameters.add("StackName", stack)
        return try await summaries(.listStackResources, parameters, page: ResourcesResult.self)
    }

    /// `cloudformation:ListStackInstances`, 100 per page, every page.
    public func listStackInstances(stackSet: String, callAs: String) async throws -> [StackInstance] {
        var parameters = QueryParameters()
        parameters.add("StackSetName", stackSet)
        parameters.add("CallAs", callAs)
        parameters.add("MaxResults", 100)
        return try await summaries(.listStackInstances, parameters, page: StackInstancesResult.self)
    }

    /// The items of every page of `operation`: `parameters`, then `NextToken` from the page before.
    func summaries<Page: SummariesPage>(
        _ operation: ReadOnlyOperation, _ parameters: QueryParameters, page: Page.Type
    ) async throws -> [Page.Item] {
        let pages = PaginatedSequence<Page>(service: "cloudformation", operation: operation.name) { token in
            var request = parameters
            request.add("NextToken", token)
            let page: Page = try await client.query(operation, service: .cloudFormation, context: context, parameters: request)
            return (page, page.nextToken)
        }
        return try await pages.collect { $0.summaries ?? [] }
    }
}
