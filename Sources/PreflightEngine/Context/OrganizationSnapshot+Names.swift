extension OrganizationSnapshot {
    /// Each account's name and OU path, by id, computed once: every result of the account then shares
    /// the same strings.
    var namesById: [String: (name: String?, ouPath: String)] {
        Dictionary(accounts.map { ($0.id.rawValue, ($0.name, $0.ouPath)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Sets the account name and OU path of every result whose account is in the organization, in place; the
    /// others keep theirs (nil).
    public func name(results: inout [CheckResult]) {
        let names = namesById
        for index in results.indices {
            guard let id = results[index].accountId, let account = names[id] else { continue }
            results[index].accountName = account.name
            results[index].ouPath = account.ouPath
        }
    }
}
