import AWSCore

/// AWS Organizations: the organization's structure, trusted services and delegated administrators.
public struct Organizations: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// The organization.
    public struct Organization: Codable, Sendable, Equatable {
        public var id: String
        public var arn: String?
        public var masterAccountId: String
        public var featureSet: String?

        enum CodingKeys: String, CodingKey {
            case id = "Id", arn = "Arn", masterAccountId = "MasterAccountId", featureSet = "FeatureSet"
        }
    }

    /// A root, OU or account as Organizations lists it.
    public struct Node: Codable, Sendable, Equatable {
        /// A policy type of a root, and whether it is `ENABLED`.
        public struct PolicyType: Codable, Sendable, Equatable {
            public var type: String
            public var status: String?

            enum CodingKeys: String, CodingKey { case type = "Type", status = "Status" }
        }

        public var id: String
        public var arn: String?
        public var name: String?
        /// A root's policy types (none for an OU).
        public var policyTypes: [PolicyType]?

        enum CodingKeys: String, CodingKey { case id = "Id", arn = "Arn", name = "Name", policyTypes = "PolicyTypes" }
    }

    /// A member account.
    public struct Account: Codable, Sendable, Equatable {
        public var id: String
        public var arn: String?
        public var name: String?
        /// `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`.
        public var status: String?

        enum CodingKeys: String, CodingKey { case id = "Id", arn = "Arn", name = "Name", status = "Status" }
    }

    /// A service with trusted access enabled.
    public struct EnabledServicePrincipal: Codable, Sendable, Equatable {
        public var servicePrincipal: String

        enum CodingKeys: String, CodingKey { case servicePrincipal = "ServicePrincipal" }
    }

    struct DescribeOrganizationResponse: Codable, Sendable { var organization: Organization
        enum CodingKeys: String, CodingKey { case organization = "Organization" }
    }
    struct RootsPage: TokenPage {
        var roots: [Node]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey { case roots = "Roots", nextToken = "NextToken" }
    }
    struct OrganizationalUnitsPage: TokenPage {
        var organizationalUnits: [Node]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey { case organizationalUnits = "OrganizationalUnits", nextToken = "NextToken" }
    }
    struct AccountsPage: TokenPage {
        var accounts: [Account]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey { case accounts = "Accounts", nextToken = "NextToken" }
    }
    struct ServicesPage: TokenPage {
        var enabledServicePrincipals: [EnabledServicePrincipal]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case enabledServicePrincipals = "EnabledServicePrincipals", nextToken = "NextToken"
        }
    }
    struct DelegatedAdministratorsPage: TokenPage {
        var delegatedAdministrators: [Account]?
        var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case delegatedAdministrators = "DelegatedAdministrators", nextToken = "NextToken"
        }
    }
    /// A page of a list operation, with its continuation token.
    protocol TokenPage: Codable, Sendable {
        var nextToken: String? { get }
    }

    struct PageInput: Codable, Sendable {
        var parentId: String?
        var servicePrincipal: String?
        var policyId: String?
        var targetId: String?
        var filter: String?
        var nextToken: String?
        var maxResults: Int

        enum CodingKeys: String, CodingKey {
            case parentId = "ParentId", servicePrincipal = "ServicePrincipal", policyId = "PolicyId", targetId = "TargetId"
            case filter = "Filter", nextToken = "NextToken", maxResults = "MaxResults"
        }
    }

    /// `organizations:DescribeOrganization`.
    public func describeOrganization() async throws -> Organization {
        let response: DescribeOrganizationResponse = try await client.json(
            .describeOrganization, service: .organizations, context: context, input: AWSEmptyInput())
        return response.organization
    }

    /// `organizations:ListRoots`, every page.
    public func listRoots() async throws -> [Node] {
        try await pages(.listRoots, PageInput(maxResults: 20), items: { (page: RootsPage) in page.roots })
    }

    /// `organizations:ListOrganizationalUnitsForParent`, every page.
    public func listOrganizationalUnits(parentId: String) async throws -> [Node] {
        try await pages(
            .listOrganizationalUnitsForParent, PageInput(parentId: parentId, maxResults: 20),
            items: { (page: OrganizationalUnitsPage) in page.organizationalUnits })
    }

    /// `organizations:ListAccountsForParent`, every page.
    public func listAccounts(parentId: String) async throws -> [Account] {
        try await pages(
            .listAccountsForParent, PageInput(parentId: parentId, maxResults: 20),
            items: { (page: AccountsPage) in page.accounts })
    }

    /// `organizations:ListAWSServiceAccessForOrganization`, every page.
    public func listEnabledServicePrincipals() async throws -> [EnabledServicePrincipal] {
        try await pages(
            .listAWSServiceAccessForOrganization, PageInput(maxResults: 20),
            items: { (page: ServicesPage) in page.enabledServicePrincipals })
    }

    /// `organizations:ListDelegatedAdministrators` for one service principal, every page.
    public func listDelegatedAdministrators(servicePrincipal: String) async throws -> [Account] {
        try await pages(
            .listDelegatedAdministrators, PageInput(servicePrincipal: servicePrincipal, maxResults: 20),
            items: { (page: DelegatedAdministratorsPage) in page.delegatedAdministrators })
    }

    func pages<Page: TokenPage, Item>(
        _ operation: ReadOnlyOperation, _ input: PageInput, items: (Page) -> [Item]?
    ) async throws -> [Item] {
        let sequence = PaginatedSequence<Page>(service: "organizations", operation: operation.name) { token in
            var request = input
            request.nextToken = token
            let page: Page = try await client.json(operation, service: .organizations, context: context, input: request)
            return (page, page.nextToken)
        }
        return try await sequence.collect { items($0) ?? [] }
    }
}
