/// Decides, for every running instance of every audited account and region, whether the deployment covers it
/// and, if not, the first reason that applies.
struct CoverageCalculator {
    let context: AuditContext

    /// The coverage of the run, computed once however many checks and reports ask for it, as the inventory reader
    /// `InventoryReaders.coverage`.
    func compute() async -> Coverage {
        await context.coverageMemo.value(for: "coverage") {
            let coverage = await InventoryReaders.$current.withValue(InventoryReaders.coverage) { await computeOnce() }
            await context.release(context.inventoryReaders.settle(InventoryReaders.coverage))
            return coverage
        }
    }

    private func computeOnce() async -> Coverage {
        let accounts: [OrganizationAccount]
        switch await context.accountsInScope() {
        case .failure(let error): return Coverage(instances: [], errors: [.init(accountId: "", region: nil, error: error)])
        case .success(let list): accounts = list.filter(\.isActive)
        }
        let deploymentRegions = Set(context.options.deployment.regions)
        let post = context.options.phase == .post
        let perAccount = await context.forEachAccount(accounts) { account in
            switch await context.regions(account: account.id) {
            case .failure(let error):
                let gap = Coverage.Gap(accountId: account.id, region: nil, error: error)
                return (account: account.id, coverage: Coverage(instances: [], errors: [gap]))
            case .success(let regions):
                return await withTaskGroup(of: Coverage.self, returning: (account: String, coverage: Coverage).self) { inner in
                    for region in regions {
                        inner.addTask {
                            await evaluate(account: account, region: region, targeted: deploymentRegions.contains(region), post: post)
                        }
                    }
                    var merged = Coverage(instances: [], errors: [])
                    for await part in inner {
                        merged.instances += part.instances
                        merged.errors += part.errors
                    }
                    // Sorted here, while other accounts are still read, so that the final ordering is linear.
                    merged.instances.sort { lhs, rhs in
                        lhs.region != rhs.region ? lhs.region < rhs.region : lhs.instanceId < rhs.instanceId
                    }
                    merged.errors.sort { $0.region ?? "" < $1.region ?? "" }
                    return (account: account.id, coverage: merged)
                }
            }
        }
        var merged = Coverage(instances: [], errors: [])
        merged.instances.reserveCapacity(perAccount.reduce(0) { $0 + $1.coverage.instances.count })
        for part in perAccount.sorted(by: { $0.account < $1.account }) {
            merged.instances += part.coverage.instances
            merged.errors += part.coverage.errors
        }
        return merged
    }

    private func evaluate(account: OrganizationAccount, region: String, targeted: Bool, post: Bool) async -> Coverage {
        let running: [String]
        switch await context.runningInstances(account: account.id, region: region) {
        case .failure(let error): return Coverage(instances: [], errors: [.init(accountId: account.id, region: region, error: error)])
        case .success(let list): running = list.map(\.instanceId)
        }
        if running.isEmpty { return Coverage(instances: [], errors: []) }
        func verdicts(_ reason: (String) -> CoverageReason?) -> Coverage {
            Coverage(
                instances: running.map { id in
                    let reason = reason(id)
                    let verdict: CoverageVerdict = reason == nil ? .covered : reason == .managementAccount ? .excluded : .uncovered
                    return InstanceCoverage(accountId: account.id, region: region, instanceId: id, verdict: verdict, reason: reason)
                }, errors: [])
        }
        if account.isManagementAccount { return verdicts { _ in .managementAccount } }
        if !account.isTargeted { return verdicts { _ in .accountNotTargeted } }
        if !targeted { return verdicts { _ in .regionNotTargeted } }
        async let registry = context.managedInstances(account: account.id, region: region)
        async let associationOutcomes = post ? context.associationOutcomes(account: account.id, region: region) : .success([:])
        let managed: [String: String]
        switch await registry {
        case .failure(let error): return Coverage(instances: [], errors: [.init(accountId: account.id, region: region, error: error)])
        case .success(let map): managed = map.mapValues { $0.PingStatus ?? "Unknown" }
        }
        let outcomes: [String: String]
        switch await associationOutcomes {
        case .failure(let error): return Coverage(instances: [], errors: [.init(accountId: account.id, region: region, error: error)])
        case .success(let map): outcomes = map
        }
        return verdicts { id in
            guard let ping = managed[id] else { return .notManaged }
            if ping != "Online" { return .pingLost }
            guard post else { return nil }
            switch outcomes[id] {
            case nil: return .noAssociation
            case "Success": return nil
            case "Failed", "TimedOut", "Cancelled", "Skipped": return .associationFailed
            default: return .associationPending
            }
        }
    }
}
