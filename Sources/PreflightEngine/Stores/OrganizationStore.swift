import AWSCore
import AWSServices

/// The organization: its accounts and OUs, trusted services and delegated administrators, each read once.
final class OrganizationStore: Sendable {
    private let calls: AuditCalls
    private let principals: PrincipalStore
    private let wantedAccounts: [AccountID]?
    private let snapshot = SharedValue<Result<OrganizationSnapshot, AuditError>>()
    private let services = SharedValue<Result<[String], AuditError>>()
    private let delegated = SingleFlight<String, Result<[AccountID], AuditError>>()
    private let scps = SharedValue<Result<OrganizationPolicies, AuditError>>()
    private let rcps = SharedValue<Result<OrganizationPolicies, AuditError>>()

    init(calls: AuditCalls, principals: PrincipalStore, accounts: [AccountID]?) {
        self.calls = calls
        self.principals = principals
        self.wantedAccounts = accounts
    }

    private var organizations: Organizations {
        Organizations(client: calls.client, context: principals.callerContext())
    }

    /// The organization's id, management account and every account with its OU path.
    func organization() async throws(AuditError) -> OrganizationSnapshot {
        try await snapshot.value {
            await AuditError.catching { () async throws(AuditError) in try await self.discover() }
        }.get()
    }

    /// The organization if it has been read, without calling AWS.
    var knownOrganization: OrganizationSnapshot? {
        get async { try? await snapshot.finishedValue?.get() }
    }

    /// The organization's accounts that this run audits (all, or those of `--accounts`).
    func accountsInScope() async throws(AuditError) -> [OrganizationAccount] {
        let snapshot = try await organization()
        guard let wanted = wantedAccounts else { return snapshot.accounts }
        let known = Set(snapshot.accounts.map(\.id))
        if let unknown = wanted.first(where: { !known.contains($0) }) {
            throw AuditError(message: "account \(unknown) from --accounts is not in organization \(snapshot.id)")
        }
        let wantedSet = Set(wanted)
        return snapshot.accounts.filter { wantedSet.contains($0.id) }
    }

    /// Service principals with trusted access enabled.
    func enabledServicePrincipals() async throws(AuditError) -> [String] {
        try await services.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.calls.call("organizations:ListAWSServiceAccessForOrganization") {
                    try await self.organizations.listEnabledServicePrincipals().map(\.servicePrincipal)
                }
            }
        }.get()
    }

    /// The organization's service control policies and where they are attached, read once per run: by policy
    /// (`ListPolicies`, then `DescribePolicy` and `ListTargetsForPolicy` of each) when the organization has fewer
    /// policies than nodes, as it nearly always has, else by node (`ListPoliciesForTarget` of the root, each OU and
    /// each account).
    func serviceControlPolicies() async throws(AuditError) -> OrganizationPolicies {
        try await scps.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.readPolicies(type: OrganizationPolicies.serviceControlPolicyType)
            }
        }.get()
    }

    /// The organization's resource control policies and where they are attached, read once per run as SCPs are.
    func resourceControlPolicies() async throws(AuditError) -> OrganizationPolicies {
        try await rcps.value {
            await AuditError.catching { () async throws(AuditError) in
                try await self.readPolicies(type: OrganizationPolicies.resourceControlPolicyType)
            }
        }.get()
    }

    /// A policy type the root has not enabled applies nowhere: nothing is read.
    private func readPolicies(type: String) async throws(AuditError) -> OrganizationPolicies {
        let snapshot = try await organization()
        guard snapshot.enabledPolicyTypes.contains(type) else {
            return OrganizationPolicies(type: type, rootId: snapshot.rootId, enabled: false, policies: [:], attached: [:])
        }
        let organizations = organizations
        let summaries = try await calls.call("organizations:ListPolicies") { try await organizations.listPolicies(type: type) }
        let nodes = [snapshot.rootId] + Array(Set(snapshot.accounts.flatMap(\.organizationalUnitPath))).sorted()
            + snapshot.accounts.map(\.id.rawValue)
        var attached: [String: [String]] = [:]
        if summaries.count < nodes.count {
            for summary in summaries {
                let targets = try await calls.call("organizations:ListTargetsForPolicy") {
                    try await organizations.listTargets(policyId: summary.id)
                }
                for target in targets { attached[target.targetId, default: []].append(summary.id) }
            }
        } else {
            for node in nodes {
                attached[node] = try await calls.call("organizations:ListPoliciesForTarget") {
                    try await organizations.listPolicies(target: node, type: type)
                }.map(\.id)
            }
        }
        var policies: [String: OrganizationPolicies.Policy] = [:]
        for summary in summaries {
            let content = try await calls.call("organizations:DescribePolicy") { try await organizations.policyContent(id: summary.id) }
            policies[summary.id] = try OrganizationPolicies.Policy(
                id: summary.id, name: summary.name, arn: summary.arn, type: type, content: content)
        }
        return OrganizationPolicies(type: type, rootId: snapshot.rootId, enabled: true, policies: policies, attached: attached)
    }

    /// Accounts registered as delegated administrators of `servicePrincipal`.
    func delegatedAdministrators(servicePrincipal: String) async throws(AuditError) -> [AccountID] {
        try await delegated.value(for: servicePrincipal) {
            await AuditError.catching { () async throws(AuditError) in
                let ids = try await self.calls.call("organizations:ListDelegatedAdministrators") {
                    try await self.organizations.listDelegatedAdministrators(servicePrincipal: servicePrincipal).map(\.id)
                }
                return try ids.map { id throws(AuditError) in try Self.accountID(id, from: "organizations:ListDelegatedAdministrators") }
            }
        }.get()
    }

    /// `id` as an account id, or a malformed-response error naming `operation`.
    static func accountID(_ id: String, from operation: String) throws(AuditError) -> AccountID {
        guard let account = AccountID(rawValue: id) else {
            throw AuditError(message: "\(operation) returned a malformed response: '\(id)' is not an account id")
        }
        return account
    }

    private func discover() async throws(AuditError) -> OrganizationSnapshot {
        let organizations = organizations
        let organization = try await calls.call("organizations:DescribeOrganization") {
            try await organizations.describeOrganization()
        }
        let management = try Self.accountID(organization.masterAccountId, from: "organizations:DescribeOrganization")
        let roots = try await calls.call("organizations:ListRoots") { try await organizations.listRoots() }
        guard let root = roots.first else {
            throw AuditError(message: "organizations:ListRoots returned no root")
        }
        typealias Level = Result<([Organizations.Node], [Organizations.Account]), AuditError>
        var accounts: [OrganizationAccount] = []
        var frontier: [(parent: String, path: [String], names: [String])] = [(root.id, [], [])]
        while !frontier.isEmpty {
            let level = frontier
            frontier = []
            let fetched = await withTaskGroup(of: (Int, Level).self) { group in
                for (index, entry) in level.enumerated() {
                    group.addTask {
                        let children = await AuditError.catching { () async throws(AuditError) in
                            let units = try await self.calls.call("organizations:ListOrganizationalUnitsForParent") {
                                try await organizations.listOrganizationalUnits(parentId: entry.parent)
                            }
                            let members = try await self.calls.call("organizations:ListAccountsForParent") {
                                try await organizations.listAccounts(parentId: entry.parent)
                            }
                            return (units, members)
                        }
                        return (index, children)
                    }
                }
                var results: [(Int, Level)] = []
                for await item in group { results.append(item) }
                return results.sorted { $0.0 < $1.0 }
            }
            for (index, result) in fetched {
                let (units, members) = try result.get()
                let (path, names) = (level[index].path, level[index].names)
                for member in members {
                    let id = try Self.accountID(member.id, from: "organizations:ListAccountsForParent")
                    accounts.append(
                        OrganizationAccount(
                            id: id, name: member.name, status: member.status ?? "ACTIVE", organizationalUnitPath: path,
                            organizationalUnitNames: names, isManagementAccount: id == management))
                }
                // An OU listed without a name (never so in AWS) shows by its id.
                frontier += units.map { ($0.id, path + [$0.id], names + [$0.name ?? $0.id]) }
            }
        }
        accounts.sort { $0.id < $1.id }
        let enabled = (root.policyTypes ?? []).filter { $0.status == "ENABLED" }.map(\.type)
        return OrganizationSnapshot(
            id: organization.id, managementAccountId: management, rootId: root.id, enabledPolicyTypes: Set(enabled),
            accounts: accounts)
    }
}
