import AWSCore

extension AuditContext {
    /// Which regions a per-region check visits.
    enum RegionScope: Sendable {
        /// Every audited region of the account (`--regions`, or all enabled).
        case audited
        /// The deployment's regions (restricted to `--regions` when given).
        case deployment
    }

    /// Runs `body` for every account × region of `accounts`, the regions of an account concurrently and a window of
    /// accounts at a time, as `rule`'s one inventory loop. An account whose credentials or regions cannot be
    /// obtained yields one `error` result for it, a scope whose `body` throws one `error` result for that scope,
    /// and the others carry on.
    func forEachAccountRegion(
        rule: Rule, accounts: [OrganizationAccount], scope: RegionScope,
        _ body: @escaping @Sendable (OrganizationAccount, Region) async throws(AuditError) -> [CheckResult]
    ) async -> [CheckResult] {
        var perAccount = await inventory.forEachAccount(accounts, reader: .rule(id: rule.id)) { account in
            let regions: [Region]
            do throws(AuditError) {
                switch scope {
                case .audited: regions = try await self.inventory.regions(of: account.id)
                case .deployment: regions = self.deploymentRegions
                }
                _ = try await self.principals.credentials(account: account.id)
            } catch {
                return [rule.error(error, account: account.id)]
            }
            return await withTaskGroup(of: [CheckResult].self) { inner in
                for region in regions {
                    inner.addTask {
                        do throws(AuditError) {
                            return try await body(account, region)
                        } catch {
                            return [rule.error(error, account: account.id, region: region)]
                        }
                    }
                }
                var results: [CheckResult] = []
                for await batch in inner { results += batch }
                return results
            }
        }
        // Each account's results are released once appended, so that they are held at most twice, never more.
        var results: [CheckResult] = []
        results.reserveCapacity(perAccount.reduce(0) { $0 + $1.count })
        for index in perAccount.indices {
            results += perAccount[index]
            perAccount[index] = []
        }
        return results
    }
}
