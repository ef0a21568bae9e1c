extension OrganizationSnapshot {
    /// Sets the account name and OU path of every result and instance whose account is in the organization, in
    /// place and in one pass; the others keep theirs (nil).
    public func name(results: inout [CheckResult], instances: inout [InstanceCoverage]) {
        let byId = Dictionary(accounts.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        for index in results.indices {
            guard let id = results[index].accountId, let account = byId[id] else { continue }
            results[index].accountName = account.name
            results[index].ouPath = account.ouPath
        }
        for index in instances.indices {
            guard let account = byId[instances[index].accountId] else { continue }
            instances[index].accountName = account.name
            instances[index].ouPath = account.ouPath
        }
    }
}
