/// Why an instance is not covered; when several apply, the first in declaration order is reported.
public enum CoverageReason: String, Sendable, Codable, CaseIterable, Comparable {
    case managementAccount = "management-account"
    case accountNotTargeted = "account-not-targeted"
    case regionNotTargeted = "region-not-targeted"
    case notManaged = "not-managed"
    case pingLost = "ping-lost"
    case noAssociation = "no-association"
    case associationFailed = "association-failed"
    case associationPending = "association-pending"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
