import AWSCore
import AWSServices
import NetworkPath

/// What each account holds in each region (running instances, SSM's managed instances, the deployment's
/// parameters, associations and their outcomes), read once per account × region and freed once every registered
/// reader has finished the account.
final class InventoryStore: Sendable {
    let calls: AuditCalls
    let principals: PrincipalStore
    private let options: AuditOptions
    private let progress: ProgressCounter?
    private let readers = InventoryReaders()
    private let regionLists = SingleFlight<AccountID, Result<[Region], AuditError>>()
    private let instances = AccountRegionMemo<Result<[EC2.Instance], AuditError>>()
    private let managed = AccountRegionMemo<Result<[String: SSM.InstanceInformation], AuditError>>()
    private let parameters = AccountRegionMemo<Result<SSM.ParametersResult, AuditError>>()
    private let associations = AccountRegionMemo<Result<[SSM.Association], AuditError>>()
    private let outcomes = AccountRegionMemo<Result<[String: String], AuditError>>()
    // The instance diagnosis's reads (InventoryStore+Diagnosis.swift).
    let networks = AccountRegionMemo<Result<NetworkModel, AuditError>>()
    let diagnosesMemo = AccountRegionMemo<Result<[String: InstanceDiagnosis], AuditError>>()
    let defaultHostManagement = AccountRegionMemo<Result<String?, AuditError>>()
    let profileRoles = SingleFlight<String, Result<String?, AuditError>>()
    let roleVerdicts = SingleFlight<String, Result<RoleVerdict, AuditError>>()

    init(calls: AuditCalls, principals: PrincipalStore, options: AuditOptions, progress: ProgressCounter?) {
        self.calls = calls
        self.principals = principals
        self.options = options
        self.progress = progress
    }

    // MARK: Readers and release

    /// Names every reader of the run before any runs: nothing is freed while one of them has not started its loop.
    func register(_ list: [InventoryReader]) async {
        await readers.register(list)
    }

    /// `reader` reads no more.
    func settle(_ reader: InventoryReader) async {
        await release(await readers.settle(reader))
    }

    /// Accounts whose per-account work one loop runs at once: enough to keep `concurrency` calls in flight, few
    /// enough that tasks and memory stay bounded however large the organization.
    var accountWindow: Int { max(8, options.concurrency / 4) }

    /// Runs `body` for every account, at most `accountWindow` at a time, in the accounts' order; returns each
    /// account's value in completion order. This is `reader`'s one loop: an account's inventories are freed once
    /// every reader visiting it has finished it.
    func forEachAccount<T: Sendable>(
        _ accounts: [OrganizationAccount], reader: InventoryReader,
        _ body: @escaping @Sendable (OrganizationAccount) async -> T
    ) async -> [T] {
        await release(await readers.visit(reader, accounts: accounts.map(\.id)))
        let visit: @Sendable (OrganizationAccount) async -> T = { account in
            let value = await body(account)
            await self.release(await self.readers.finish(reader, account: account.id))
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

    /// Frees the regional inventories of `accounts`, which no reader will read again.
    private func release(_ accounts: [AccountID]) async {
        guard !accounts.isEmpty else { return }
        await instances.removeValues(ofAccounts: accounts)
        await managed.removeValues(ofAccounts: accounts)
        await parameters.removeValues(ofAccounts: accounts)
        await associations.removeValues(ofAccounts: accounts)
        await outcomes.removeValues(ofAccounts: accounts)
        await networks.removeValues(ofAccounts: accounts)
        await diagnosesMemo.removeValues(ofAccounts: accounts)
        await defaultHostManagement.removeValues(ofAccounts: accounts)
    }

    // MARK: Lookups

    /// The regions audited in `account`: `--regions`, or every region enabled there.
    func regions(of account: AccountID) async throws(AuditError) -> [Region] {
        try await regionLists.value(for: account) {
            let regions = await AuditError.catching { () async throws(AuditError) in
                if let given = self.options.regions { return given }
                let home = AccountRegion(account, self.calls.homeRegion)
                let names = try await self.call("ec2:DescribeRegions", in: home) { context in
                    try await EC2(client: self.calls.client, context: context).describeRegions()
                        .filter { $0.optInStatus != "not-opted-in" }.map(\.regionName)
                }
                return try names.map { name throws(AuditError) -> Region in
                    guard let region = Region(rawValue: name) else {
                        throw AuditError(message: "ec2:DescribeRegions returned a malformed response: '\(name)' is not a region name")
                    }
                    return region
                }.sorted()
            }
            if case .success(let list) = regions { await self.progress?.discovered(list.count) }
            return regions
        }.get()
    }

    /// The running instances in `scope`; stopped and terminated ones are never audited.
    func runningInstances(in scope: AccountRegion) async throws(AuditError) -> [EC2.Instance] {
        try await instances.value(for: scope) {
            let found = await AuditError.catching { () async throws(AuditError) in
                try await self.call("ec2:DescribeInstances", in: scope) { context in
                    var list = try await EC2(client: self.calls.client, context: context).describeInstances(states: ["running"])
                        .sorted { $0.instanceId < $1.instanceId }
                    // Instances mostly share a few profiles, subnets, groups and images: keep one copy of each
                    // value, which results quote as evidence.
                    var shared: Set<String> = []
                    func intern(_ value: inout String?) {
                        if let text = value { value = shared.insert(text).memberAfterInsert }
                    }
                    for index in list.indices {
                        if let arn = list[index].iamInstanceProfile?.arn {
                            list[index].iamInstanceProfile?.arn = shared.insert(arn).memberAfterInsert
                        }
                        if let endpoint = list[index].metadataOptions?.httpEndpoint {
                            list[index].metadataOptions?.httpEndpoint = shared.insert(endpoint).memberAfterInsert
                        }
                        intern(&list[index].subnetId)
                        intern(&list[index].vpcId)
                        intern(&list[index].imageId)
                        if var groups = list[index].groupSet {
                            for group in groups.indices {
                                groups[group].groupId = shared.insert(groups[group].groupId).memberAfterInsert
                            }
                            list[index].groupSet = groups
                        }
                    }
                    return list
                }
            }
            await self.progress?.completed()
            return found
        }.get()
    }

    /// The instances Systems Manager manages in `scope`, by instance id.
    func managedInstances(in scope: AccountRegion) async throws(AuditError) -> [String: SSM.InstanceInformation] {
        try await managed.value(for: scope) {
            await AuditError.catching { () async throws(AuditError) in
                try await self.call("ssm:DescribeInstanceInformation", in: scope) { context in
                    let list = try await SSM(client: self.calls.client, context: context).describeInstanceInformation()
                    return Dictionary(list.map { ($0.instanceId, $0) }, uniquingKeysWith: { first, _ in first })
                }
            }
        }.get()
    }

    /// The deployment's SSM parameters present in `scope` (values stay in memory only).
    func deploymentParameters(in scope: AccountRegion) async throws(AuditError) -> SSM.ParametersResult {
        let names = options.deployment.parameters.map(\.name)
        return try await parameters.value(for: scope) {
            await AuditError.catching { () async throws(AuditError) in
                try await self.call("ssm:GetParameters", in: scope) { context in
                    try await SSM(client: self.calls.client, context: context).getParameters(names: names)
                }
            }
        }.get()
    }

    /// The deployment's associations (by name) in `scope`, with their full definitions.
    func deploymentAssociations(in scope: AccountRegion) async throws(AuditError) -> [SSM.Association] {
        let name = options.deployment.association.name
        return try await associations.value(for: scope) {
            await AuditError.catching { () async throws(AuditError) in
                let listed = try await self.call("ssm:ListAssociations", in: scope) { context in
                    try await SSM(client: self.calls.client, context: context).listAssociations(named: name)
                }
                var described: [SSM.Association] = []
                for association in listed {
                    described.append(try await self.call("ssm:DescribeAssociation", in: scope) { context in
                        try await SSM(client: self.calls.client, context: context).describeAssociation(id: association.associationId)
                    })
                }
                return described
            }
        }.get()
    }

    /// The status of the latest outcome (`Success`, `Failed`, …; `Pending` when it has none) of the deployment's
    /// association on each instance of `scope` that needs one, by instance id, read from the association's
    /// executions and their targets (newest execution first), not one call per instance. Older executions are read
    /// only while a running, managed and online instance has no outcome yet.
    func associationOutcomes(in scope: AccountRegion) async throws(AuditError) -> [String: String] {
        try await outcomes.value(for: scope) {
            await AuditError.catching { () async throws(AuditError) in try await self.readOutcomes(in: scope) }
        }.get()
    }

    private func readOutcomes(in scope: AccountRegion) async throws(AuditError) -> [String: String] {
        let list = try await deploymentAssociations(in: scope)
        let awaiting = await instancesAwaitingOutcome(in: scope)
        var outcomes: [String: String] = [:]
        func complete() -> Bool { awaiting.map { $0.allSatisfy { outcomes[$0] != nil } } ?? false }
        for association in list {
            if complete() { break }
            let runs = try await call("ssm:DescribeAssociationExecutions", in: scope) { context in
                try await SSM(client: self.calls.client, context: context)
                    .describeAssociationExecutions(associationId: association.associationId)
            }
            let newestFirst = runs.sorted { ($0.createdTime ?? .distantPast) > ($1.createdTime ?? .distantPast) }
            for run in newestFirst {
                if complete() { break }
                let targets = try await call("ssm:DescribeAssociationExecutionTargets", in: scope) { context in
                    try await SSM(client: self.calls.client, context: context).describeAssociationExecutionTargets(
                        associationId: association.associationId, executionId: run.executionId)
                }
                for target in targets where outcomes[target.resourceId] == nil {
                    outcomes[target.resourceId] = target.status ?? "Pending"
                }
            }
        }
        return outcomes
    }

    /// The running instances of `scope` that are managed and online, the only ones whose association outcome decides
    /// their coverage; `nil` when either list cannot be read (then every execution is read).
    private func instancesAwaitingOutcome(in scope: AccountRegion) async -> [String]? {
        async let running = AuditError.catching { () async throws(AuditError) in try await self.runningInstances(in: scope) }
        async let registry = AuditError.catching { () async throws(AuditError) in try await self.managedInstances(in: scope) }
        guard case .success(let instances) = await running, case .success(let managed) = await registry else { return nil }
        return instances.map(\.instanceId).filter { managed[$0]?.pingStatus == "Online" }
    }

    /// Those of `ids` that exist in `scope` in any state but terminated (a stopped instance exists); not memoized:
    /// only the few instances that a Workload Security record names and that are not running are asked about.
    func existingInstanceIds(_ ids: [String], in scope: AccountRegion) async throws(AuditError) -> Set<String> {
        try await call("ec2:DescribeInstances", in: scope) { context in
            Set(try await EC2(client: self.calls.client, context: context).existingInstances(ids: ids).map(\.instanceId))
        }
    }

    /// One call in `scope` with that account's credentials.
    func call<T: Sendable>(
        _ action: String, in scope: AccountRegion, _ body: @escaping @Sendable (AWSCallContext) async throws -> T
    ) async throws(AuditError) -> T {
        let credentials = try await principals.credentials(account: scope.account)
        return try await calls.call(action, in: scope, credentials: credentials, body)
    }
}
