import AWSXML
import Foundation
import Testing

@Suite struct CloudFormationDecodingTests {
    @Test func describeStacks() throws {
        let result = try AWSXMLDecoder().decode(
            DescribeStacksResult.self, from: try Fixture.bytes("cloudformation-describe-stacks"),
            resultPath: ["DescribeStacksResult"]
        )
        #expect(result.nextToken == "eyJ0b2tlbiI6Im5leHQifQ==")
        #expect(result.stacks.count == 2)

        let association = result.stacks[0]
        #expect(association.stackName == "TrendCloudOne-SSM-Association")
        #expect(association.stackStatus == .updateComplete)
        #expect(association.description == "Deploys the Workload Security agent through SSM")
        #expect(association.parameters == [
            Parameter(parameterKey: "TenantId", parameterValue: "1234"),
            Parameter(parameterKey: "ActivationUrl", parameterValue: "dsm://agents.workload.us-1.cloudone.trendmicro.com:443/"),
        ])
        #expect(association.capabilities == ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
        #expect(association.notificationARNs.isEmpty)
        #expect(association.outputs.map(\.outputKey) == ["AssociationId"])
        #expect(association.outputs.first?.outputValue == "8dfe3659-4309-493a-8755-0123456789ab")
        #expect(association.tags == [Tag(key: "owner", value: "security")])
        #expect(association.disableRollback == false)
        #expect(association.enableTerminationProtection == true)
        #expect(association.timeoutInMinutes == 30)
        let created = utc(2023, 7, 27, 22, 28, 28).addingTimeInterval(0.419)
        #expect(abs(association.creationTime.timeIntervalSince(created)) < 0.000_001)
        #expect(association.lastUpdatedTime == utc(2024, 2, 1, 9, 15, 0))
        #expect(association.driftInformation?.stackDriftStatus == "NOT_CHECKED")
        #expect(association.driftInformation?.lastCheckTimestamp == nil)

        let failed = result.stacks[1]
        #expect(failed.stackStatus == .rollbackComplete)
        #expect(failed.stackStatusReason == "The following resource(s) failed to create: [Role].")
        #expect(failed.parameters.isEmpty)
        #expect(failed.outputs.isEmpty)
        #expect(failed.enableTerminationProtection == nil)
        #expect(failed.lastUpdatedTime == nil)
        #expect(failed.driftInformation?.lastCheckTimestamp == utc(2024, 3, 4, 5, 6, 7).addingTimeInterval(0.5))
    }
}

private struct DescribeStacksResult: Decodable {
    let stacks: [Stack]
    let nextToken: String?

    enum CodingKeys: String, CodingKey {
        case stacks = "Stacks"
        case nextToken = "NextToken"
    }
}

private enum StackStatus: String, Decodable {
    case createComplete = "CREATE_COMPLETE"
    case updateComplete = "UPDATE_COMPLETE"
    case rollbackComplete = "ROLLBACK_COMPLETE"
}

private struct Stack: Decodable {
    struct DriftInformation: Decodable {
        let stackDriftStatus: String
        let lastCheckTimestamp: Date?

        enum CodingKeys: String, CodingKey {
            case stackDriftStatus = "StackDriftStatus"
            case lastCheckTimestamp = "LastCheckTimestamp"
        }
    }

    struct Output: Decodable {
        let outputKey: String
        let outputValue: String
        let description: String?

        enum CodingKeys: String, CodingKey {
            case outputKey = "OutputKey"
            case outputValue = "OutputValue"
            case description = "Description"
        }
    }

    let stackId: String
    let stackName: String
    let description: String?
    let parameters: [Parameter]
    let capabilities: [String]
    let notificationARNs: [String]
    let creationTime: Date
    let lastUpdatedTime: Date?
    let stackStatus: StackStatus
    let stackStatusReason: String?
    let disableRollback: Bool
    let enableTerminationProtection: Bool?
    let timeoutInMinutes: Int?
    let outputs: [Output]
    let tags: [Tag]
    let driftInformation: DriftInformation?

    enum CodingKeys: String, CodingKey {
        case stackId = "StackId"
        case stackName = "StackName"
        case description = "Description"
        case parameters = "Parameters"
        case capabilities = "Capabilities"
        case notificationARNs = "NotificationARNs"
        case creationTime = "CreationTime"
        case lastUpdatedTime = "LastUpdatedTime"
        case stackStatus = "StackStatus"
        case stackStatusReason = "StackStatusReason"
        case disableRollback = "DisableRollback"
        case enableTerminationProtection = "EnableTerminationProtection"
        case timeoutInMinutes = "TimeoutInMinutes"
        case outputs = "Outputs"
        case tags = "Tags"
        case driftInformation = "DriftInformation"
    }
}

private struct Parameter: Decodable, Equatable {
    let parameterKey: String
    let parameterValue: String

    enum CodingKeys: String, CodingKey {
        case parameterKey = "ParameterKey"
        case parameterValue = "ParameterValue"
    }
}

private struct Tag: Decodable, Equatable {
    let key: String
    let value: String

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case value = "Value"
    }
}
