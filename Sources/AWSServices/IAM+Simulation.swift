import AWSCore

extension IAM {
    /// The simulator's verdict for one action on one resource.
    public struct EvaluationResult: Decodable, Sendable, Equatable {
        public var evalActionName: String
        public var evalResourceName: String?
        /// `allowed`, `explicitDeny` or `implicitDeny`.
        public var evalDecision: String
        public var matchedStatements: [Statement]?
        public var missingContextValues: [String]?
        public var organizationsDecisionDetail: OrganizationsDecisionDetail?
        public var permissionsBoundaryDecisionDetail: PermissionsBoundaryDecisionDetail?

        enum CodingKeys: String, CodingKey {
            case evalActionName = "EvalActionName", evalResourceName = "EvalResourceName", evalDecision = "EvalDecision"
            case matchedStatements = "MatchedStatements", missingContextValues = "MissingContextValues"
            case organizationsDecisionDetail = "OrganizationsDecisionDetail"
            case permissionsBoundaryDecisionDetail = "PermissionsBoundaryDecisionDetail"
        }
    }

    /// A policy statement that matched during simulation.
    public struct Statement: Decodable, Sendable, Equatable {
        public var sourcePolicyId: String?
        public var sourcePolicyType: String?

        enum CodingKeys: String, CodingKey { case sourcePolicyId = "SourcePolicyId", sourcePolicyType = "SourcePolicyType" }
    }

    /// Whether service control policies allowed the action.
    public struct OrganizationsDecisionDetail: Decodable, Sendable, Equatable {
        public var allowedByOrganizations: Bool?

        enum CodingKeys: String, CodingKey { case allowedByOrganizations = "AllowedByOrganizations" }
    }

    /// Whether the principal's permissions boundary allowed the action.
    public struct PermissionsBoundaryDecisionDetail: Decodable, Sendable, Equatable {
        public var allowedByPermissionsBoundary: Bool?

        enum CodingKeys: String, CodingKey { case allowedByPermissionsBoundary = "AllowedByPermissionsBoundary" }
    }

    struct SimulationPage: Decodable, Sendable {
        var evaluationResults: [EvaluationResult]?
        var isTruncated: Bool?
        var marker: String?

        enum CodingKeys: String, CodingKey {
            case evaluationResults = "EvaluationResults", isTruncated = "IsTruncated", marker = "Marker"
        }
    }

    /// `iam:SimulatePrincipalPolicy` for every action at once, following `Marker` until the last page; `policies`
    /// are added to the principal's identity policies and `boundaries` replace its permissions boundary.
    public func simulatePrincipalPolicy(
        principalArn: String, actions: [String], resources: [String] = [], policies: [String] = [],
        boundaries: [String] = [], pageSize: Int = 1000
    ) async throws -> [EvaluationResult] {
        try await simulate(.simulatePrincipalPolicy, pageSize: pageSize) { parameters in
            parameters.add("PolicySourceArn", principalArn)
            parameters.addMemberList("PolicyInputList", policies)
            parameters.addMemberList("PermissionsBoundaryPolicyInputList", boundaries)
            parameters.addMemberList("ActionNames", actions)
            parameters.addMemberList("ResourceArns", resources)
        }
    }

    /// `iam:SimulateCustomPolicy` with identity policy documents (JSON) and optional boundary documents.
    public func simulateCustomPolicy(
        policies: [String], boundaries: [String] = [], actions: [String], resources: [String] = [], pageSize: Int = 1000
    ) async throws -> [EvaluationResult] {
        try await simulate(.simulateCustomPolicy, pageSize: pageSize) { parameters in
            parameters.addMemberList("PolicyInputList", policies)
            parameters.addMemberList("PermissionsBoundaryPolicyInputList", boundaries)
            parameters.addMemberList("ActionNames", actions)
            parameters.addMemberList("ResourceArns", resources)
        }
    }

    private func simulate(
        _ operation: ReadOnlyOperation, pageSize: Int, build: (inout QueryParameters) -> Void
    ) async throws -> [EvaluationResult] {
        var base = QueryParameters()
        build(&base)
        base.add("MaxItems", pageSize)
        let request = base
        let pages = PaginatedSequence<SimulationPage>(service: "iam", operation: operation.name) { marker in
            var parameters = request
            parameters.add("Marker", marker)
            let page: SimulationPage = try await client.query(operation, service: .iam, context: context, parameters: parameters)
            return (page, page.isTruncated == true ? page.marker : nil)
        }
        return try await pages.collect { $0.evaluationResults ?? [] }
    }
}
