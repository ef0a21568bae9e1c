extension AuditContext {
    /// Which regions a per-region check visits.
    enum RegionScope: Sendable {
        /// Every audited region of the account (`--regions`, or all enabled).
        case audited
        /// The deployment's regions (restricted to `--regions` when given).
        case deployment
    }

    /// Accounts whose per-account work one check runs at once: enough to keep `concurrency` calls in flight, few
    /// enough that tasks and memory stay bounded however large the organization.
    var accountWindow: Int { max(8, options.concurrency / 4) }

    /// Runs `body` for every account, at most `accountWindow` at a time, in the accounts' order; returns each
    /// account's value in completion order.
    ///
    /// Called by an inventory reader (`InventoryReaders.current`), this is its one loop: an account's inventories
    /// are freed once every reader visiting it has finished it.
    func forEachAccount<T: Sendable>(
        _ accounts: [OrganizationAccount], _ body: @escaping @Sendable (OrganizationAccount) async -> T
    ) async -> [T] {
        let reader = InventoryReaders.current
        if let reader {
            await release(inventoryReaders.visit(reader, accounts: accounts.map(\.id)))
        }
        let visit: @Sendable (OrganizationAccount) async -> T = { account in
            let value = await body(account)
            if let reader {
                await self.release(self.inventoryReaders.finish(reader, account: account.id))
            }
            return value
        }
        return await withTaskGroup(of: T.self) { group in
            var pending = accounts.makeIterator()
            for _ in 0..<accountWindow {
                guard let account = pending.next() else { break }
                group.addTask { await visit(account) }
            }
            var values: [T] = []
            values.reserveCapacity(accounts.count)
            while let value = await group.next() {
                values.append(value)
                if let account = pending.next() {
                    group.addTask { await visit(account) }
                }
            }
            return values
        }
    }

    /// Runs `body` for every account × region, the regions of an account concurrently and `accountWindow` accounts
    /// at a time. An account whose credentials or regions cannot be obtained yields one `error` result for `rule`,
    /// and the other accounts carry on.
    func forEachAccountRegion(
        rule: Rule, accounts: [OrganizationAccount], scope: RegionScope,
        _ body: @escaping @Sendable (OrganizationAccount, String) async -> [CheckResult]
    ) async -> [CheckResult] {
        await forEachAccount(accounts) { account in
            let regions: Result<[String], AuditError>
            switch scope {
            case .audited:
                regions = await self.regions(account: account.id)
            case .deployment:
                let deployment = self.options.deployment.regions
                regions = .success(self.options.regions.map { wanted in deployment.filter(wanted.contains) } ?? deployment)
            }
            switch regions {
            case .failure(let error):
                return [rule.error(error, accountId: account.id)]
            case .success(let regions):
                if case .failure(let error) = await self.credentials(account: account.id) {
                    return [rule.error(error, accountId: account.id)]
                }
                return await withTaskGroup(of: [CheckResult].self) { inner in
                    for region in regions {
                        inner.addTask { await body(account, region) }
                    }
                    var results: [CheckResult] = []
                    for await batch in inner { results += batch }
                    return results
                }
            }
        }.flatMap { $0 }
    }
}
