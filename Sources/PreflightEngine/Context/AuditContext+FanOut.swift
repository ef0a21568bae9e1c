extension AuditContext {
    /// Which regions a per-region check visits.
    enum RegionScope: Sendable {
        /// Every audited region of the account (`--regions`, or all enabled).
        case audited
        /// The deployment's regions (restricted to `--regions` when given).
        case deployment
    }

    /// Runs `body` for every account × region concurrently. An account whose credentials or regions cannot be
    /// obtained yields one `error` result for `rule`, and the other accounts carry on.
    func forEachAccountRegion(
        rule: Rule, accounts: [OrganizationAccount], scope: RegionScope,
        _ body: @escaping @Sendable (OrganizationAccount, String) async -> [CheckResult]
    ) async -> [CheckResult] {
        await withTaskGroup(of: [CheckResult].self) { group in
            for account in accounts {
                group.addTask {
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
                }
            }
            var results: [CheckResult] = []
            for await batch in group { results += batch }
            return results
        }
    }
}
