import AWSCore

/// Decides, for every running instance of every audited account and region, whether the deployment covers it
/// and, if not, the first reason that applies.
struct CoverageCalculator {
    let context: AuditContext

    /// What computing the coverage reads: every account's instances and their SSM state, the association's outcomes
    /// in the targeted accounts, and the diagnosis of the instances SSM does not manage, management account included.
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("ec2:DescribeInstances", in: .management),
        AuditorPermission("ec2:DescribeInstances", in: .member),
        AuditorPermission("ssm:DescribeInstanceInformation", in: .management),
        AuditorPermission("ssm:DescribeInstanceInformation", in: .member),
        AuditorPermission("ssm:ListAssociations", in: .member),
        AuditorPermission("ssm:DescribeAssociation", in: .member),
        AuditorPermission("ssm:DescribeAssociationExecutions", in: .member),
        AuditorPermission("ssm:DescribeAssociationExecutionTargets", in: .member),
    ] + InstanceDiagnosis.auditorPermissions
        + InstanceDiagnosis.auditorPermissions.map { AuditorPermission($0.action, in: .management) }

    /// The coverage of the run, computed once however many checks and reports ask for it, as the inventory reader
    /// `.coverage`.
    func compute() async -> Coverage {
        await context.coverage.value {
            let coverage = await computeOnce()
            await context.inventory.settle(.coverage)
            return coverage
        }
    }

    private func computeOnce() async -> Coverage {
        let accounts: [OrganizationAccount]
        do throws(AuditError) {
            accounts = try await context.organization.accountsInScope().filter(\.isActive)
        } catch {
            return Coverage(instances: [], errors: [.init(account: nil, region: nil, error: error)])
        }
        let deploymentRegions = Set(context.options.deployment.regions)
        let post = context.options.phase == .post
        var perAccount = await context.inventory.forEachAccount(accounts, reader: .coverage) { account in
            let regions: [Region]
            do throws(AuditError) {
                regions = try await context.inventory.regions(of: account.id)
            } catch {
                return (account: account.id, coverage: Coverage(instances: [], errors: [.init(account: account.id, region: nil, error: error)]))
            }
            // One name for all the account's instances.
            let named = InstanceCoverage.Account(id: account.id.rawValue, name: account.name, ouPath: account.ouPath)
            return await withTaskGroup(of: Coverage.self, returning: (account: AccountID, coverage: Coverage).self) { inner in
                for region in regions {
                    inner.addTask {
                        let scope = AccountRegion(account.id, region)
                        do throws(AuditError) {
                            return try await evaluate(
                                account: account, named: named, scope: scope, targeted: deploymentRegions.contains(region),
                                post: post)
                        } catch {
                            return Coverage(instances: [], errors: [.init(account: account.id, region: region, error: error)])
                        }
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
                merged.errors.sort { ($0.region?.rawValue ?? "") < ($1.region?.rawValue ?? "") }
                return (account: account.id, coverage: merged)
            }
        }
        var merged = Coverage(instances: [], errors: [])
        merged.instances.reserveCapacity(perAccount.reduce(0) { $0 + $1.coverage.instances.count })
        perAccount.sort { $0.account < $1.account }
        // Each account's part is released once appended, so that the instances are held once, not twice, at the end.
        for index in perAccount.indices {
            merged.instances += perAccount[index].coverage.instances
            merged.errors += perAccount[index].coverage.errors
            perAccount[index].coverage = Coverage(instances: [], errors: [])
        }
        await judgeProtection(&merged.instances)
        return merged
    }

    /// Sets each instance's Workload Security verdict from the manager's computers, once every account's inventory
    /// has been read and freed: waiting for the listing inside the accounts' loop would hold their inventories.
    /// Without a key, or when the manager cannot be read, protection stays unknown (its rules report why).
    private func judgeProtection(_ instances: inout [InstanceCoverage]) async {
        guard let computers = (try? await context.workloadSecurity.computerIndex()) ?? nil else { return }
        let now = context.options.now, stale = context.options.workloadSecurity.agentStale
        for index in instances.indices {
            let computer = computers.computer(instance: instances[index].instanceId, account: instances[index].accountId)
            instances[index].workloadSecurity = WorkloadSecurityCoverage.judge(computer, now: now, stale: stale)
        }
    }

    private func evaluate(
        account: OrganizationAccount, named: InstanceCoverage.Account, scope: AccountRegion, targeted: Bool, post: Bool
    ) async throws(AuditError) -> Coverage {
        let running = try await context.inventory.runningInstances(in: scope).map(\.instanceId)
        if running.isEmpty { return Coverage(instances: [], errors: []) }
        // Causes are read for every instance SSM does not manage or lost, targeted or not; without them the
        // instance's verdict stands, with no causes.
        let diagnoses = (try? await context.inventory.diagnoses(in: scope)) ?? [:]
        func verdicts(_ reason: (String) -> CoverageReason?) -> Coverage {
            Coverage(
                instances: running.map { id in
                    let reason = reason(id)
                    let verdict: CoverageVerdict = reason == nil ? .covered : reason == .managementAccount ? .excluded : .uncovered
                    var instance = InstanceCoverage(
                        account: named, region: scope.region.rawValue, instanceId: id, verdict: verdict, reason: reason)
                    instance.causes = diagnoses[id]?.causes ?? []
                    return instance
                }, errors: [])
        }
        if account.isManagementAccount { return verdicts { _ in .managementAccount } }
        if !account.isTargeted { return verdicts { _ in .accountNotTargeted } }
        if !targeted { return verdicts { _ in .regionNotTargeted } }
        async let registry = AuditError.catching { () async throws(AuditError) in
            try await context.inventory.managedInstances(in: scope)
        }
        async let associationOutcomes = AuditError.catching { () async throws(AuditError) -> [String: String] in
            guard post else { return [:] }
            return try await context.inventory.associationOutcomes(in: scope)
        }
        let managed = try await registry.get().mapValues { $0.pingStatus ?? "Unknown" }
        let outcomes = try await associationOutcomes.get()
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
