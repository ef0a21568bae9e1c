import AWSCore

/// An account of the organization and where it sits.
public struct OrganizationAccount: Sendable, Equatable {
    public var id: AccountID
    public var name: String?
    /// `ACTIVE`, `SUSPENDED`, …
    public var status: String
    /// The OU ids from the root down to the account's parent; empty when the account is attached to the root.
    public var organizationalUnitPath: [String]
    /// The names of the OUs of `organizationalUnitPath`, in the same order.
    public var organizationalUnitNames: [String]
    public var isManagementAccount: Bool

    /// Whether the StackSet deploys to this account: in an OU, active, and not the management account.
    public var isTargeted: Bool {
        !isManagementAccount && !organizationalUnitPath.isEmpty && isActive
    }

    public var isActive: Bool { status == "ACTIVE" }

    /// The OU names from below the root down to the account's parent joined by `/` (`Workloads/Prod`); empty when
    /// the account is attached to the root.
    public var ouPath: String { organizationalUnitNames.joined(separator: "/") }
}
