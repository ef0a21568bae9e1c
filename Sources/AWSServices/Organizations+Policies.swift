import AWSCore

extension Organizations {
    /// A policy of the organization (an SCP or an RCP), as `ListPolicies` summarises it.
    public struct PolicySummary: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var arn: String?
        public var awsManaged: Bool?

        enum CodingKeys: String, CodingKey { case id = "Id", name = "Name", arn = "Arn", awsManaged = "AwsManaged" }
    }

    /// A root, OU or account a policy is attached to.
    public struct PolicyTarget: Codable, Sendable, Equatable {
        public var targetId: String
        /// `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT`.
        public var type: String?

        enum CodingKeys: String, CodingKey { case targetId = "TargetId", type = "Type" }
    }

    struct PoliciesPage: TokenPage {
        var policies: [PolicySummary]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case policies = "Policies", nextToken = "NextToken" }
    }
    struct TargetsPage: TokenPage {
        var targets: [PolicyTarget]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case targets = "Targets", nextToken = "NextToken" }
    }
    struct DescribePolicyInput: Codable, Sendable {
        var policyId: String
        enum CodingKeys: String, CodingKey { case policyId = "PolicyId" }
    }
    struct DescribePolicyOutput: Codable, Sendable {
        struct Policy: Codable, Sendable {
            var content: String?
            enum CodingKeys: String, CodingKey { case content = "Content" }
        }
        var policy: Policy?
        enum CodingKeys: String, CodingKey { case policy = "Policy" }
    }

    /// `organizations:ListPolicies` of one type (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`), every page.
    public func listPolicies(type: String) async throws -> [PolicySummary] {
        try await pages(.listPolicies, PageInput(filter: type, maxResults: 20), items: { (page: PoliciesPage) in page.policies })
    }

    /// `organizations:DescribePolicy`: the policy's document, as JSON text.
    public func policyContent(id: String) async throws -> String {
        let output: DescribePolicyOutput = try await client.json(
            .describePolicy, service: .organizations, context: context, input: DescribePolicyInput(policyId: id))
        guard let content = output.policy?.content else {
            throw AWSClientError(
                .malformedResponse, service: "organizations", operation: "DescribePolicy", message: "the answer has no Policy.Content")
        }
        return content
    }

    /// `organizations:ListTargetsForPolicy`, every page.
    public func listTargets(policyId: String) async throws -> [PolicyTarget] {
        try await pages(.listTargetsForPolicy, PageInput(policyId: policyId, maxResults: 20), items: { (page: TargetsPage) in page.targets })
    }

    /// `organizations:ListPoliciesForTarget` of one type, every page.
    public func listPolicies(target: String, type: String) async throws -> [PolicySummary] {
        try await pages(
            .listPoliciesForTarget, PageInput(targetId: target, filter: type, maxResults: 20),
            items: { (page: PoliciesPage) in page.policies })
    }
}
