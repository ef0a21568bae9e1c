import AWSCore

/// The organization as discovered from the management account (or a delegated administrator).
public struct OrganizationSnapshot: Sendable, Equatable {
    public var id: String
    public var managementAccountId: AccountID
    public var rootId: String
    /// The root's enabled policy types (`SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`, …).
    public var enabledPolicyTypes: Set<String> = []
    public var accounts: [OrganizationAccount]
}

extension OrganizationSnapshot {
    /// The account's path as `aws:PrincipalOrgPaths` and `aws:ResourceOrgPaths` give it: `o-id/r-id/ou-id/…/`.
    func organizationPath(of account: OrganizationAccount) -> String {
        "\(id)/\(([rootId] + account.organizationalUnitPath).joined(separator: "/"))/"
    }
}
