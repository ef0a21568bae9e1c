import AWSCore
import Foundation

/// AWS Systems Manager: managed instances, parameters and State Manager associations.
public struct SSM: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// An instance registered with Systems Manager, with the fields Preflight reads.
    public struct InstanceInformation: Codable, Sendable, Equatable {
        public var instanceId: String
        /// `Online`, `ConnectionLost` or `Inactive`.
        public var pingStatus: String?
        /// The agent's version, e.g. `3.3.40.0`, as it last reported.
        public var agentVersion: String?

        enum CodingKeys: String, CodingKey {
            case instanceId = "InstanceId", pingStatus = "PingStatus", agentVersion = "AgentVersion"
        }
    }

    /// A parameter, with its value. Callers must never print values of secret parameters.
    public struct Parameter: Codable, Sendable, Equatable {
        public var name: String
        /// `String`, `StringList` or `SecureString`.
        public var type: String?
        public var value: String?
        public var version: Int?

        enum CodingKeys: String, CodingKey { case name = "Name", type = "Type", value = "Value", version = "Version" }
    }

    /// The parameters found and the names not found.
    public struct ParametersResult: Codable, Sendable, Equatable {
        public var parameters: [Parameter]?
        public var invalidParameters: [String]?

        enum CodingKeys: String, CodingKey { case parameters = "Parameters", invalidParameters = "InvalidParameters" }
    }

    struct InstanceInformationPage: Codable, Sendable {
        var instanceInformationList: [InstanceInformation]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case instanceInformationList = "InstanceInformationList", nextToken = "NextToken"
        }
    }
    struct InstanceInformationInput: Codable, Sendable {
        var maxResults: Int
        var nextToken: String?

        enum CodingKeys: String, CodingKey { case maxResults = "MaxResults", nextToken = "NextToken" }
    }
    struct GetParametersInput: Codable, Sendable {
        var names: [String]
        var withDecryption: Bool

        enum CodingKeys: String, CodingKey { case names = "Names", withDecryption = "WithDecryption" }
    }

    /// `ssm:DescribeInstanceInformation`, 50 per page, every page.
    public func describeInstanceInformation() async throws -> [InstanceInformation] {
        let pages = PaginatedSequence<InstanceInformationPage>(service: "ssm", operation: "DescribeInstanceInformation") {
            token in
            let page: InstanceInformationPage = try await client.json(
                .describeInstanceInformation, service: .ssm, context: context,
                input: InstanceInformationInput(maxResults: 50, nextToken: token))
            return (page, page.nextToken)
        }
        return try await pages.collect { $0.instanceInformationList ?? [] }
    }

    /// `ssm:GetParameters` for up to 10 names; SecureString values stay encrypted.
    public func getParameters(names: [String]) async throws -> ParametersResult {
        try await client.json(
            .getParameters, service: .ssm, context: context, input: GetParametersInput(names: names, withDecryption: false))
    }
}
