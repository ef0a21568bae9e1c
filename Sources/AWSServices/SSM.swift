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
        public var InstanceId: String
        /// `Online`, `ConnectionLost` or `Inactive`.
        public var PingStatus: String?
    }

    /// A parameter, with its value. Callers must never print values of secret parameters.
    public struct Parameter: Codable, Sendable, Equatable {
        public var Name: String
        /// `String`, `StringList` or `SecureString`.
        public var `Type`: String?
        public var Value: String?
        public var Version: Int?
    }

    /// The parameters found and the names not found.
    public struct ParametersResult: Codable, Sendable, Equatable {
        public var Parameters: [Parameter]?
        public var InvalidParameters: [String]?
    }

    struct InstanceInformationPage: Codable, Sendable {
        var InstanceInformationList: [InstanceInformation]?
        var NextToken: String?
    }
    struct InstanceInformationInput: Codable, Sendable {
        var MaxResults: Int
        var NextToken: String?
    }
    struct GetParametersInput: Codable, Sendable {
        var Names: [String]
        var WithDecryption: Bool
    }

    /// `ssm:DescribeInstanceInformation`, 50 per page, every page.
    public func describeInstanceInformation() async throws -> [InstanceInformation] {
        let pages = PaginatedSequence<InstanceInformationPage>(service: "ssm", operation: "DescribeInstanceInformation") {
            token in
            let page: InstanceInformationPage = try await client.json(
                .describeInstanceInformation, service: .ssm, context: context,
                input: InstanceInformationInput(MaxResults: 50, NextToken: token))
            return (page, page.NextToken)
        }
        return try await pages.collect { $0.InstanceInformationList ?? [] }
    }

    /// `ssm:GetParameters` for up to 10 names; SecureString values stay encrypted.
    public func getParameters(names: [String]) async throws -> ParametersResult {
        try await client.json(
            .getParameters, service: .ssm, context: context, input: GetParametersInput(Names: names, WithDecryption: false))
    }
}
