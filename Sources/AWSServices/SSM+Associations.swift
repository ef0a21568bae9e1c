import AWSCore
import Foundation

extension SSM {
    /// A State Manager association target, e.g. `InstanceIds` = `*`.
    public struct Target: Codable, Sendable, Equatable {
        public var Key: String
        public var Values: [String]

        public init(Key: String, Values: [String]) {
            self.Key = Key
            self.Values = Values
        }
    }

    /// An association, as `ListAssociations` and `DescribeAssociation` return it.
    public struct Association: Codable, Sendable, Equatable {
        public var AssociationId: String
        public var AssociationName: String?
        public var Name: String?
        public var DocumentVersion: String?
        public var ScheduleExpression: String?
        public var Targets: [Target]?
        public var Parameters: [String: [String]]?
        public var Overview: Overview?
    }

    /// An association's aggregated status.
    public struct Overview: Codable, Sendable, Equatable {
        public var Status: String?
        public var DetailedStatus: String?
        public var AssociationStatusAggregatedCount: [String: Int]?
    }

    /// One run of an association.
    public struct Execution: Codable, Sendable, Equatable {
        public var AssociationId: String
        public var ExecutionId: String
        public var Status: String?
        public var CreatedTime: Date?
        public var ResourceCountByStatus: String?
    }

    /// The outcome of one run on one resource, with the fields Preflight reads.
    public struct ExecutionTarget: Codable, Sendable, Equatable {
        public var AssociationId: String
        public var ExecutionId: String
        public var ResourceId: String
        /// `Success`, `Failed`, `Pending`, …
        public var Status: String?
    }

    struct AssociationFilter: Codable, Sendable {
        var key: String
        var value: String
    }
    struct ListAssociationsInput: Codable, Sendable {
        var AssociationFilterList: [AssociationFilter]
        var MaxResults: Int
        var NextToken: String?
    }
    struct AssociationsPage: Codable, Sendable {
        var Associations: [Association]?
        var NextToken: String?
    }
    struct DescribeAssociationInput: Codable, Sendable { var AssociationId: String }
    struct DescribeAssociationResponse: Codable, Sendable { var AssociationDescription: Association }
    struct ExecutionsInput: Codable, Sendable {
        var AssociationId: String
        var MaxResults: Int
        var NextToken: String?
    }
    struct ExecutionsPage: Codable, Sendable {
        var AssociationExecutions: [Execution]?
        var NextToken: String?
    }
    struct ExecutionTargetsInput: Codable, Sendable {
        var AssociationId: String
        var ExecutionId: String
        var MaxResults: Int
        var NextToken: String?
    }
    struct ExecutionTargetsPage: Codable, Sendable {
        var AssociationExecutionTargets: [ExecutionTarget]?
        var NextToken: String?
    }

    /// `ssm:ListAssociations` filtered by association name, every page.
    public func listAssociations(named name: String) async throws -> [Association] {
        let pages = PaginatedSequence<AssociationsPage>(service: "ssm", operation: "ListAssociations") { token in
            let input = ListAssociationsInput(
                AssociationFilterList: [AssociationFilter(key: "AssociationName", value: name)], MaxResults: 50,
                NextToken: token)
            let page: AssociationsPage = try await client.json(.listAssociations, service: .ssm, context: context, input: input)
            return (page, page.NextToken)
        }
        return try await pages.collect { $0.Associations ?? [] }
    }

    /// `ssm:DescribeAssociation`: the full definition, with parameters.
    public func describeAssociation(id: String) async throws -> Association {
        let response: DescribeAssociationResponse = try await client.json(
            .describeAssociation, service: .ssm, context: context, input: DescribeAssociationInput(AssociationId: id))
        return response.AssociationDescription
    }

    /// `ssm:DescribeAssociationExecutions`, newest first as the API returns them, every page.
    public func describeAssociationExecutions(associationId: String) async throws -> [Execution] {
        let pages = PaginatedSequence<ExecutionsPage>(service: "ssm", operation: "DescribeAssociationExecutions") { token in
            let page: ExecutionsPage = try await client.json(
                .describeAssociationExecutions, service: .ssm, context: context,
                input: ExecutionsInput(AssociationId: associationId, MaxResults: 50, NextToken: token))
            return (page, page.NextToken)
        }
        return try await pages.collect { $0.AssociationExecutions ?? [] }
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
                    AssociationId: associationId, ExecutionId: executionId, MaxResults: 50, NextToken: token))
            return (page, page.NextToken)
        }
        return try await pages.collect { $0.AssociationExecutionTargets ?? [] }
    }
}
