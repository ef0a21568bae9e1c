import AWSCore
import Foundation

extension CloudFormation {
    /// A StackSet, as `DescribeStackSet` returns it.
    public struct StackSet: Decodable, Sendable, Equatable {
        public var stackSetName: String
        public var stackSetId: String?
        public var status: String?
        public var permissionModel: String?
        public var autoDeployment: AutoDeployment?
        /// The OUs the StackSet deploys to (service-managed StackSets).
        public var organizationalUnitIds: [String]?
        public var driftDetectionDetails: DriftDetectionDetails?

        enum CodingKeys: String, CodingKey {
            case stackSetName = "StackSetName", stackSetId = "StackSetId", status = "Status"
            case permissionModel = "PermissionModel", autoDeployment = "AutoDeployment"
            case organizationalUnitIds = "OrganizationalUnitIds", driftDetectionDetails = "StackSetDriftDetectionDetails"
        }
    }

    /// Whether a service-managed StackSet deploys to accounts added to its OUs.
    public struct AutoDeployment: Decodable, Sendable, Equatable {
        public var enabled: Bool?
        public var retainStacksOnAccountRemoval: Bool?

        enum CodingKeys: String, CodingKey {
            case enabled = "Enabled", retainStacksOnAccountRemoval = "RetainStacksOnAccountRemoval"
        }
    }

    /// The StackSet's last drift detection.
    public struct DriftDetectionDetails: Decodable, Sendable, Equatable {
        /// `DRIFTED`, `IN_SYNC` or `NOT_CHECKED`.
        public var driftStatus: String?
        /// `COMPLETED`, `FAILED`, `PARTIAL_SUCCESS`, `IN_PROGRESS` or `STOPPED`.
        public var driftDetectionStatus: String?
        public var lastDriftCheckTimestamp: Date?
        public var totalStackInstancesCount: Int?
        public var driftedStackInstancesCount: Int?
        public var failedStackInstancesCount: Int?

        enum CodingKeys: String, CodingKey {
            case driftStatus = "DriftStatus", driftDetectionStatus = "DriftDetectionStatus"
            case lastDriftCheckTimestamp = "LastDriftCheckTimestamp"
            case totalStackInstancesCount = "TotalStackInstancesCount"
            case driftedStackInstancesCount = "DriftedStackInstancesCount"
            case failedStackInstancesCount = "FailedStackInstancesCount"
        }
    }

    /// An operation of a StackSet (create, update, delete, drift detection).
    public struct StackSetOperation: Decodable, Sendable, Equatable {
        public var operationId: String
        /// `CREATE`, `UPDATE`, `DELETE` or `DETECT_DRIFT`.
        public var action: String?
        /// `RUNNING`, `SUCCEEDED`, `FAILED`, `STOPPING`, `STOPPED` or `QUEUED`.
        public var status: String
        public var creationTimestamp: Date?
        public var endTimestamp: Date?
        public var statusReason: String?

        enum CodingKeys: String, CodingKey {
            case operationId = "OperationId", action = "Action", status = "Status"
            case creationTimestamp = "CreationTimestamp", endTimestamp = "EndTimestamp", statusReason = "StatusReason"
        }
    }

    /// An operation's outcome in one account and region.
    public struct StackSetOperationResult: Decodable, Sendable, Equatable {
        public var account: String?
        public var region: String?
        /// `PENDING`, `RUNNING`, `SUCCEEDED`, `FAILED` or `CANCELLED`.
        public var status: String
        public var statusReason: String?
        public var accountGateResult: AccountGateResult?
        public var organizationalUnitId: String?

        enum CodingKeys: String, CodingKey {
            case account = "Account", region = "Region", status = "Status", statusReason = "StatusReason"
            case accountGateResult = "AccountGateResult", organizationalUnitId = "OrganizationalUnitId"
        }
    }

    /// The account gate's verdict for an account and region.
    public struct AccountGateResult: Decodable, Sendable, Equatable {
        /// `SUCCEEDED`, `FAILED` or `SKIPPED`.
        public var status: String?
        public var statusReason: String?

        enum CodingKeys: String, CodingKey { case status = "Status", statusReason = "StatusReason" }
    }

    /// A resource of a stack instance that drifted from the StackSet's template.
    public struct ResourceDrift: Decodable, Sendable, Equatable {
        public var logicalResourceId: String
        public var physicalResourceId: String?
        public var resourceType: String
        /// `MODIFIED`, `DELETED`, `IN_SYNC`, …
        public var driftStatus: String

        enum CodingKeys: String, CodingKey {
            case logicalResourceId = "LogicalResourceId", physicalResourceId = "PhysicalResourceId"
            case resourceType = "ResourceType", driftStatus = "StackResourceDriftStatus"
        }
    }

    /// A StackSet as `ListStackSets` summarises it.
    public struct StackSetSummary: Decodable, Sendable, Equatable {
        public var stackSetName: String
        /// `ACTIVE` or `DELETED`.
        public var status: String?

        enum CodingKeys: String, CodingKey { case stackSetName = "StackSetName", status = "Status" }
    }

    struct StackSetSummariesResult: SummariesPage {
        var summaries: [StackSetSummary]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case summaries = "Summaries", nextToken = "NextToken" }
    }
    struct StackSetResult: Decodable, Sendable {
        var stackSet: StackSet?
        enum CodingKeys: String, CodingKey { case stackSet = "StackSet" }
    }
    struct OperationsResult: Decodable, Sendable {
        var summaries: [StackSetOperation]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case summaries = "Summaries", nextToken = "NextToken" }
    }
    struct OperationResultsResult: SummariesPage {
        var summaries: [StackSetOperationResult]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case summaries = "Summaries", nextToken = "NextToken" }
    }
    struct ResourceDriftsResult: SummariesPage {
        var summaries: [ResourceDrift]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case summaries = "Summaries", nextToken = "NextToken" }
    }

    /// `cloudformation:DescribeStackSet`; a missing StackSet is AWS's `StackSetNotFoundException`.
    public func describeStackSet(name: String, callAs: String) async throws -> StackSet {
        var parameters = QueryParameters()
        parameters.add("StackSetName", name)
        parameters.add("CallAs", callAs)
        let result: StackSetResult = try await client.query(
            .describeStackSet, service: .cloudFormation, context: context, parameters: parameters)
        guard let stackSet = result.stackSet else {
            throw AWSClientError(
                .malformedResponse, service: "cloudformation", operation: "DescribeStackSet",
                message: "the answer has no StackSet")
        }
        return stackSet
    }

    /// `cloudformation:ListStackSets` of the `ACTIVE` StackSets, 100 per page, every page.
    public func listActiveStackSets(callAs: String) async throws -> [StackSetSummary] {
        var parameters = QueryParameters()
        parameters.add("Status", "ACTIVE")
        parameters.add("CallAs", callAs)
        parameters.add("MaxResults", 100)
        return try await summaries(.listStackSets, parameters, page: StackSetSummariesResult.self)
    }

    /// `cloudformation:ListStackSetOperations`: the newest `limit` operations, newest first (one page).
    public func listStackSetOperations(stackSet: String, callAs: String, limit: Int) async throws -> [StackSetOperation] {
        var parameters = QueryParameters()
        parameters.add("StackSetName", stackSet)
        parameters.add("CallAs", callAs)
        parameters.add("MaxResults", limit)
        let page: OperationsResult = try await client.query(
            .listStackSetOperations, service: .cloudFormation, context: context, parameters: parameters)
        return (page.summaries ?? []).sorted { ($0.creationTimestamp ?? .distantPast) > ($1.creationTimestamp ?? .distantPast) }
    }

    /// `cloudformation:ListStackSetOperationResults` of one operation, 100 per page, every page.
    public func listStackSetOperationResults(
        stackSet: String, operationId: String, callAs: String
    ) async throws -> [StackSetOperationResult] {
        var parameters = QueryParameters()
        parameters.add("StackSetName", stackSet)
        parameters.add("OperationId", operationId)
        parameters.add("CallAs", callAs)
        parameters.add("MaxResults", 100)
        return try await summaries(.listStackSetOperationResults, parameters, page: OperationResultsResult.self)
    }

    /// `cloudformation:ListStackInstanceResourceDrifts` of one stack instance and drift detection, only the
    /// resources that are `MODIFIED` or `DELETED`, every page.
    public func listStackInstanceResourceDrifts(
        stackSet: String, account: String, region: String, operationId: String, callAs: String
    ) async throws -> [ResourceDrift] {
        var parameters = QueryParameters()
        parameters.add("StackSetName", stackSet)
        parameters.add("StackInstanceAccount", account)
        parameters.add("StackInstanceRegion", region)
        parameters.add("OperationId", operationId)
        parameters.add("CallAs", callAs)
        parameters.addMemberList("StackInstanceResourceDriftStatuses", ["MODIFIED", "DELETED"])
        parameters.add("MaxResults", 100)
        return try await summaries(.listStackInstanceResourceDrifts, parameters, page: ResourceDriftsResult.self)
    }
}
