import PreflightEngine

/// How the reports name accounts and OUs for people: `prod-app-1 (111111111111)` when the account's name is known,
/// else its id; an OU by its path (`Workloads/Prod`).
enum AccountLabel {
    /// The group of the accounts attached directly to the root.
    static let root = "(attached to the root)"
    /// The group of the accounts whose place in the organization is not known (not in it, or an older report).
    static let unknownOU = "(OU unknown)"

    /// `name (id)`, or `id` without a name.
    static func account(_ id: String, name: String?) -> String {
        guard let name, !name.isEmpty else { return id }
        return "\(name) (\(id))"
    }

    /// The OU path, `root` for the empty path, `unknownOU` for none.
    static func ou(_ path: String?) -> String {
        guard let path else { return unknownOU }
        return path.isEmpty ? root : path
    }

    /// Orders accounts by OU path (the root's accounts first, unknown places last), then by id.
    static func precedes(_ lhs: (ouPath: String?, accountId: String), _ rhs: (ouPath: String?, accountId: String)) -> Bool {
        switch (lhs.ouPath, rhs.ouPath) {
        case (nil, nil): lhs.accountId < rhs.accountId
        case (nil, _): false
        case (_, nil): true
        case (let left?, let right?): left != right ? left < right : lhs.accountId < rhs.accountId
        }
    }
}

extension CheckResult {
    /// The account as people read it, nil for a result without account.
    var accountLabel: String? {
        accountId.map { AccountLabel.account($0, name: accountName) }
    }

    /// `account/region/resource` with the parts the result has, the account by its label; nil for a result about
    /// the organization.
    var scopeLabel: String? {
        let parts = [accountLabel, region, resource].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}

extension InstanceCoverage {
    /// The account as people read it.
    var accountLabel: String {
        AccountLabel.account(accountId, name: accountName)
    }
}
