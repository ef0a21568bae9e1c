import AWSCore
import AWSServices

extension AuditContext {
    /// The caller's identity.
    public func callerIdentity() async -> Result<STS.CallerIdentity, AuditError> {
        await identityMemo.value(for: "caller") {
            await self.call("sts:GetCallerIdentity") {
                try await STS(client: self.client, context: self.callerContext()).getCallerIdentity()
            }
        }
    }

    /// The organization's id, management account and every account with its OU path.
    public func organization() async -> Result<OrganizationSnapshot, AuditError> {
        await organizationMemo.value(for: "organization") {
            await AuditError.catching { () async throws(AuditError) in try await self.discoverOrganization() }
        }
    }

    private func discoverOrganization() async throws(AuditError) -> OrganizationSnapshot {
        let organizations = Organizations(client: client, context: callerContext())
        let organization = try await call("organizations:DescribeOrganization") {
            try await organizations.describeOrganization()
        }.get()
        let roots = try await call("organizations:ListRoots") { try await organizations.listRoots() }.get()
        guard let root = roots.first else {
            throw AuditError(message: "organizations:ListRoots returned no root")
        }
        var accounts: [OrganizationAccount] = []
        var frontier: [(parent: String, path: [String])] = [(root.Id, [])]
        while !frontier.isEmpty {
            let level = frontier
            frontier = []
            let fetched = await withTaskGroup(of: (Int, Result<([Organizations.Node], [Organizations.Account]), AuditError>).self) {
                group in
                for (index, entry) in level.enumerated() {
                    group.addTask {
                        let units = await self.call("organizations:ListOrganizationalUnitsForParent") {
                            try await organizations.listOrganizationalUnits(parentId: entry.parent)
                        }
                        let members = await self.call("organizations:ListAccountsForParent") {
                            try await organizations.listAccounts(parentId: entry.parent)
                        }
                        return (index, units.flatMap { units in members.map { (units, $0) } })
                    }
                }
                var results: [(Int, Result<([Organizations.Node], [Organizations.Account]), AuditError>)] = []
                for await item in group { results.append(item) }
                return results.sorted { $0.0 < $1.0 }
            }
            for (index, result) in fetched {
                let (units, members) = try result.get()
                let path = level[index].path
                for member in members {
                    accounts.append(
                        OrganizationAccount(
                            id: member.Id, name: member.Name, status: member.Status ?? "ACTIVE",
                            organizationalUnitPath: path, isManagementAccount: member.Id == organization.MasterAccountId))
                }
                frontier += units.map { ($0.Id, path + [$0.Id]) }
            }
        }
        accounts.sort { $0.id < $1.id }
        return OrganizationSnapshot(
            id: organization.Id, managementAccountId: organization.MasterAccountId, rootId: root.Id, accounts: accounts)
    }

    /// The organization's accounts that this run audits (all, or those of `--accounts`).
    public func accountsInScope() async -> Result<[OrganizationAccount], AuditError> {
        await organization().flatMap { snapshot in
            guard let wanted = options.accounts else { return .success(snapshot.accounts) }
            let known = Set(snapshot.accounts.map(\.id))
            if let unknown = wanted.first(where: { !known.contains($0) }) {
                return .failure(AuditError(message: "account \(unknown) from --accounts is not in organization \(snapshot.id)"))
            }
            return .success(snapshot.accounts.filter { wanted.contains($0.id) })
        }
    }

    /// Service principals with trusted access enabled.
    public func enabledServicePrincipals() async -> Result<[String], AuditError> {
        await servicesMemo.value(for: "services") {
            await self.call("organizations:ListAWSServiceAccessForOrganization") {
                try await Organizations(client: self.client, context: self.callerContext())
                    .listEnabledServicePrincipals().map(\.ServicePrincipal)
            }
        }
    }

    /// Accounts registered as delegated administrators of `servicePrincipal`.
    public func delegatedAdministrators(servicePrincipal: String) async -> Result<[String], AuditError> {
        await delegatedMemo.value(for: servicePrincipal) {
            await self.call("organizations:ListDelegatedAdministrators") {
                try await Organizations(client: self.client, context: self.callerContext())
                    .listDelegatedAdministrators(servicePrincipal: servicePrincipal).map(\.Id)
            }
        }
    }

    /// Credentials for `account`: the caller's own in its account, else the member role assumed once and reused.
    public func credentials(account: String) async -> Result<any CredentialProvider, AuditError> {
        await credentialsMemo.value(for: account) {
            let identity = await self.callerIdentity()
            guard case .success(let caller) = identity else {
                return identity.map { _ in self.callerCredentials as any CredentialProvider }
            }
            if caller.account == account { return .success(self.callerCredentials) }
            let partition = caller.arn.split(separator: ":").dropFirst().first.map(String.init) ?? "aws"
            let roleArn = "arn:\(partition):iam::\(account):role/\(self.options.memberRole)"
            let provider = RefreshingCredentialProvider(
                wrapping: AssumeRoleCredentialProvider(
                    client: self.client, roleArn: roleArn, sessionName: "preflight-audit", region: self.options.homeRegion,
                    source: self.callerCredentials))
            return await self.call("sts:AssumeRole") {
                _ = try await provider.credentials(logger: self.logger)
                return provider as any CredentialProvider
            }.mapError { error in
                AuditError(
                    message: "cannot assume \(roleArn): \(error.message)", missingPermission: error.missingPermission,
                    code: error.code)
            }
        }
    }

    /// The regions audited in `account`: `--regions`, or every region enabled there.
    public func regions(account: String) async -> Result<[String], AuditError> {
        await regionsMemo.value(for: account) {
            let regions: Result<[String], AuditError>
            if let given = self.options.regions {
                regions = .success(given)
            } else {
                switch await self.context(account: account, region: self.options.homeRegion) {
                case .failure(let error):
                    regions = .failure(error)
                case .success(let context):
                    regions = await self.call("ec2:DescribeRegions") {
                        try await EC2(client: self.client, context: context).describeRegions()
                            .filter { $0.optInStatus != "not-opted-in" }.map(\.regionName).sorted()
                    }
                }
            }
            if case .success(let list) = regions { await self.progress?.discovered(list.count) }
            return regions
        }
    }
}
