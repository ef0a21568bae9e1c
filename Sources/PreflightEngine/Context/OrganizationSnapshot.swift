import AWSCore

/// The organization as discovered from the management account (or a delegated administrator).
public struct OrganizationSnapshot: Sendable, Equatable {
    public var id: String
    public var managementAccountId: AccountID
    public var rootId: String
    public var accounts: [OrganizationAccount]
}
