import AWSCore
import Foundation

extension SSM {
    /// A State Manager association target, e.g. `InstanceIds` = `*`.
    public struct Target: Codable, Sendable, Equatable {
        public var key: String
        public var values: [String]

        public init(key: String, values: [String]) {
            self.key = key
            self.values = values
        }

        enum CodingKeys: String, CodingKey { case key = "Key", values = "Values" }
    }

    /// An association, as `ListAssociations` and `DescribeAssociation` return it.
    public struct Association: Codable, Sendable, Equatable {
        public var associationId: String
        public var associationName: String?
        public var name: String?
        public var documentVersion: String?
        public var scheduleExpression: String?
        public var targets: [Target]?
        public var parameters: [String: [String]]?
        public var overview: Overview?

        enum CodingKeys: String, CodingKey {
            case associationId = "AssociationId", associationName = "AssociationName", name = "Name"
            case documentVersion = "DocumentVersion", scheduleExpression = "ScheduleExpression", targets = "Targets"
            case parameters = "Parameters", overview = "Overview"
        }
    }

    /// An association's aggregated status.
    public struct Overview: Codable, Sendable, Equatable {
        public var status: String?
        public var detailedStatus: String?
        public var associationStatusAggregatedCount: [String: Int]?

        enum CodingKeys: String, CodingKey {
            case status = "Status", detailedStatus = "DetailedStatus"
            case associationStatusAggregatedCount = "AssociationStatusAggregatedCount"
        }
    }

    /// One run of an association.
    public struct Execution: Codable, Sendable, Equatable {
        public var associationId: String
        public var executionId: String
        public var status: String?
        public var createdTime: Date?
        public var resourceCountByStatus: String?

        enum CodingKeys: String, CodingKey {
            case associationId = "AssociationId", executionId = "ExecutionId", status = "Status"
            case createdTime = "CreatedTime", resourceCountByStatus = "ResourceCountByStatus"
        }
    }

    /// The outcome of one run on one resource, with the fields Preflight reads.
    public struct ExecutionTarget: Codable, Sendable, Equatable {
        public var associationId: String
        public var executionId: String
        public var resourceId: String
        /// `Success`, `Failed`, `Pending`, …
        public var status: String?

        enum CodingKeys: String, CodingKey {
            case associationId = "AssociationId", executionId = "ExecutionId", resourceId = "ResourceId"
            case status = "Status"
        }
    }

    struct AssociationFilter: Codable, Sendable {
        var key: String
        var value: String
    }
    struct ListAssociationsInput: Codable, Sendable {
        var associationFilterList: [AssociationFilter]
        var maxResults: Int
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case associationFilterList = "AssociationFilterList", maxResults = "MaxResults", nextToken = "NextToken"
        }
    }
    struct AssociationsPage: Codable, Sendable {
        var associations: [Association]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey { case associations = "Associations", nextToken = "NextToken" }
    }
    struct DescribeAssociationInput: Codable, Sendable { var associationId: String
        enum CodingKeys: String, CodingKey { case associationId = "AssociationId" }
    }
    struct DescribeAssociationResponse: Codable, Sendable { var associationDescription: Association
        enum CodingKeys: String, CodingKey { case associationDescription = "AssociationDescription" }
    }
    struct ExecutionsInput: Codable, Sendable {
        var associationId: String
        var maxResults: Int
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case associationId = "AssociationId", maxResults = "MaxResults", nextToken = "NextToken"
        }
    }
    struct ExecutionsPage: Codable, Sendable {
        var associationExecutions: [Execution]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case associationExecutions = "AssociationExecutions", nextToken = "NextToken"
        }
    }
    struct ExecutionTargetsInput: Codable, Sendable {
        var associationId: String
        var executionId: String
        var maxResults: Int
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case associationId = "AssociationId", executionId = "ExecutionId", maxResults = "MaxResults"
            case nextToken = "NextToken"
        }
    }
    struct ExecutionTargetsPage: Codable, Sendable {
        var associationExecutionTargets: [ExecutionTarget]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case associationExecutionTargets = "AssociationExecutionTargets", nextToken = "NextToken"
        }
    }

    /// `ssm:ListAssociations` filtered by association name, every page.
    public func listAssociations(named name: String) async throws -> [Association] {
        let pages = PaginatedSequence<AssociationsPage>(service: "ssm", operation: "ListAssociations") { token in
            let input = ListAssociationsInput(
                associationFilterList: [AssociationFilter(key: "AssociationName", value: name)], maxResults: 50,
                nextToken: token)
            let page: AssociationsPage = try await client.json(.listAssociations, service: .ssm, context: context, input: input)
            return (page, page.nextToken)
        }
        return try await pages.collect { $0.associations ?? [] }
    }

    /// `ssm:DescribeAssociation`: the full definition, with parameters.
    public func describeAssociation(id: String) async throws -> Association {
        let response: DescribeAssociationResponse = try await client.json(
            .describeAssociation, service: .ssm, context: context, input: DescribeAssociationInput(associationId: id))
        return response.associationDescription
    }

    /// `ssm:DescribeAssociationExecutions`, newest first as the API returns them, every page.
    public func describeAssociationExecutions(associationId: String) async throws -> [Execution] {
        let pages = PaginatedSequence<ExecutionsPage>(service: "ssm", operation: "DescribeAssociationExecutions") { token in
            let page: ExecutionsPage = try await client.json(
                .describeAssociationExecutions, service: .ssm, context: context,
                input: ExecutionsInput(associationId: associationId, maxResults: 50, nextToken: token))
            return (page, page.nextToken)
        }
        return try await pages.collect { $0.associationExecutions ?? [] }
    }

    /// `ssm:DescribeAssociationExecutionTargets` for one execution, every page.
    public func describeAssociationExecutionTargets(associationId: String, executionId: String) async throws
        -> [ExecutionTarget]
    {
        let pages = PaginatedSequence<ExecutionTargetsPage>(
            service: "ssm", operation: "DescribeAssociationExecutionTargets"
        ) { token in
            let page: ExecutionTargetsPage = try await client.json(
                .describeAssociationExecutionTargets, service: .ssm, context: context,
                input: ExecutionTargetsInput(
                    associationId: associationId, executionId: executionId, maxResults: 50, nextToken: token))
            return (page, page.nextToken)
        }
        return try await pages.collect { $0.associationExecutionTargets ?? [] }
    }
}
