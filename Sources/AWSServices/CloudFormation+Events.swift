import AWSCore
import Foundation

extension CloudFormation {
    /// One event of a stack: a status change of the stack or of one of its resources.
    public struct StackEvent: Decodable, Sendable, Equatable {
        public var eventId: String
        public var stackName: String
        public var logicalResourceId: String?
        public var physicalResourceId: String?
        public var resourceType: String?
        public var timestamp: Date
        public var resourceStatus: String?
        public var resourceStatusReason: String?

        enum CodingKeys: String, CodingKey {
            case eventId = "EventId", stackName = "StackName", logicalResourceId = "LogicalResourceId"
            case physicalResourceId = "PhysicalResourceId", resourceType = "ResourceType", timestamp = "Timestamp"
            case resourceStatus = "ResourceStatus", resourceStatusReason = "ResourceStatusReason"
        }

        /// Whether this event starts a deployment of the stack itself (create, update or import).
        public var startsDeployment: Bool {
            resourceType == "AWS::CloudFormation::Stack" && stackName == logicalResourceId
                && ["CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "IMPORT_IN_PROGRESS"].contains(resourceStatus ?? "")
        }
    }

    struct StackEventsResult: Decodable, Sendable {
        var events: [StackEvent]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case events = "StackEvents", nextToken = "NextToken" }
    }

    /// `cloudformation:DescribeStackEvents` for the stack's newest deployment: newest first, pages read until the
    /// event that started it.
    public func describeLatestDeploymentEvents(stack: String) async throws -> [StackEvent] {
        let pages = PaginatedSequence<StackEventsResult>(service: "cloudformation", operation: "DescribeStackEvents") {
            token in
            var parameters = QueryParameters()
            parameters.add("StackName", stack)
            parameters.add("NextToken", token)
            let page: StackEventsResult = try await client.query(
                .describeStackEvents, service: .cloudFormation, context: context, parameters: parameters)
            return (page, page.nextToken)
        }
        var events: [StackEvent] = []
        for try await page in pages {
            for event in page.events ?? [] {
                events.append(event)
                if event.startsDeployment { return events }
            }
        }
        return events
    }
}
