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
        public var Id: String
        public var Arn: String?
        public var MasterAccountId: String
        public var FeatureSet: String?
    }

    /// A root, OU or account as Organizations lists it.
    public struct Node: Codable, Sendable, Equatable {
        public var Id: String
        public var Arn: String?
        public var Name: String?
    }

    /// A member account.
    public struct Account: Codable, Sendable, Equatable {
        public var Id: String
        public var Arn: String?
        public var Name: String?
        /// `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`.
        public var Status: String?
    }

    /// A service with trusted access enabled.
    public struct EnabledServicePrincipal: Codable, Sendable, Equatable {
        public var ServicePrincipal: String
    }

    struct DescribeOrganizationResponse: Codable, Sendable { var Organization: Organization }
    struct RootsPage: TokenPage {
        var Roots: [Node]?
        var NextToken: String?
    }
    struct OrganizationalUnitsPage: TokenPage {
        var OrganizationalUnits: [Node]?
        var NextToken: String?
    }
    struct AccountsPage: TokenPage {
        var Accounts: [Account]?
        var NextToken: String?
    }
    struct ServicesPage: TokenPage {
        var EnabledServicePrincipals: [EnabledServicePrincipal]?
        var NextToken: String?
    }
    struct DelegatedAdministratorsPage: TokenPage {
        var DelegatedAdministrators: [Account]?
        var NextToken: String?
    }
    /// A page of a list operation, with its continuation token.
    protocol TokenPage: Codable, Sendable {
        var NextToken: String? { get }
    }

    struct PageInput: Codable, Sendable {
        var ParentId: String?
        var ServicePrincipal: String?
        var NextToken: String?
        var MaxResults: Int
    }

    /// `organizations:DescribeOrganization`.
    public func describeOrganization() async throws -> Organization {
        let response: DescribeOrganizationResponse = try await client.json(
            .describeOrganization, service: .organizations, context: context, input: AWSEmptyInput())
        return response.Organization
    }

    /// `organizations:ListRoots`, every page.
    public func listRoots() async throws -> [Node] {
        try await pages(.listRoots, PageInput(MaxResults: 20), items: { (page: RootsPage) in page.Roots })
    }

    /// `organizations:ListOrganizationalUnitsForParent`, every page.
    public func listOrganizationalUnits(parentId: String) async throws -> [Node] {
        try await pages(
            .listOrganizationalUnitsForParent, PageInput(ParentId: parentId, MaxResults: 20),
            items: { (page: OrganizationalUnitsPage) in page.OrganizationalUnits })
    }

    /// `organizations:ListAccountsForParent`, every page.
    public func listAccounts(parentId: String) async throws -> [Account] {
        try await pages(
            .listAccountsForParent, PageInput(ParentId: parentId, MaxResults: 20),
            items: { (page: AccountsPage) in page.Accounts })
    }

    /// `organizations:ListAWSServiceAccessForOrganization`, every page.
    public func listEnabledServicePrincipals() async throws -> [EnabledServicePrincipal] {
        try await pages(
            .listAWSServiceAccessForOrganization, PageInput(MaxResults: 20),
            items: { (page: ServicesPage) in page.EnabledServicePrincipals })
    }

    /// `organizations:ListDelegatedAdministrators` for one service principal, every page.
    public func listDelegatedAdministrators(servicePrincipal: String) async throws -> [Account] {
        try await pages(
            .listDelegatedAdministrators, PageInput(ServicePrincipal: servicePrincipal, MaxResults: 20),
            items: { (page: DelegatedAdministratorsPage) in page.DelegatedAdministrators })
    }

    private func pages<Page: TokenPage, Item>(
        _ operation: ReadOnlyOperation, _ input: PageInput, items: (Page) -> [Item]?
    ) async throws -> [Item] {
        let sequence = PaginatedSequence<Page>(service: "organizations", operation: operation.name) { token in
            var request = input
            request.NextToken = token
            let page: Page = try await client.json(operation, service: .organizations, context: context, input: request)
            return (page, page.NextToken)
        }
        return try await sequence.collect { items($0) ?? [] }
    }
}
