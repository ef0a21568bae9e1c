import AWSCore
import AWSServices

/// `opt-in-regions`: every deployment region that is opt-in is enabled in the administrator account and in every
/// targeted account (`account:GetRegionOptStatus`); without trusted access for AWS Account Management the member
/// accounts cannot be asked, which is a `warn`, never a pass.
struct OptInRegionsCheck: CheckKind {
    struct Configuration: Decodable, Sendable {
        /// Where the list comes from, and the day it was read there.
        var source: String
        var readOn: CalendarDay
        /// The regions an account must enable before use.
        var optInRegions: [Region]
    }

    static let name = "opt-in-regions"
    static let summary =
        "Deployment regions that are opt-in are enabled in the administrator account and every targeted account "
        + "(account:GetRegionOptStatus, which needs trusted access for AWS Account Management)."
    static let auditorPermissions: [AuditorPermission] = [
        AuditorPermission("account:GetRegionOptStatus", in: .management),
        AuditorPermission("organizations:ListAWSServiceAccessForOrganization", in: .management),
    ]
    static let accountManagementPrincipal = "account.amazonaws.com"

    let configuration: Configuration

    init(configuration: Configuration) { self.configuration = configuration }

    func run(rule: Rule, context: AuditContext) async throws(AuditError) -> [CheckResult] {
        let optIn = Set(configuration.optInRegions)
        let regions = context.deploymentRegions.filter(optIn.contains)
        guard !regions.isEmpty else {
            return [rule.result(
                .pass, "none of the \(context.deploymentRegions.count) deployment regions is opt-in: every account has them",
                evidence: ["listSource": .string(configuration.source), "listReadOn": .string(configuration.readOn.description)])]
        }
        let caller = try await context.principals.caller()
        var results = await statuses(rule: rule, context: context, accounts: [(caller.account, nil)], regions: regions)
        let trusted = try await context.organization.enabledServicePrincipals().contains(Self.accountManagementPrincipal)
        let targeted = try await context.targetedAccounts().filter { $0.id != caller.account }
        guard trusted else {
            results.append(rule.result(
                .warn,
                "trusted access for AWS Account Management is not enabled: whether \(targeted.count) targeted accounts "
                    + "have enabled \(regions.map(\.rawValue).joined(separator: ", ")) cannot be read",
                evidence: ["servicePrincipal": .string(Self.accountManagementPrincipal), "regions": .array(regions.map { .string($0.rawValue) })],
                remediation: "In the management account: aws organizations enable-aws-service-access --service-principal \(Self.accountManagementPrincipal)"))
            return results
        }
        return results + (await statuses(
            rule: rule, context: context, accounts: targeted.map { ($0.id, $0.id) }, regions: regions))
    }

    /// One result per account × region: `asked` is the `AccountId` to send (nil for the caller's own account).
    func statuses(
        rule: Rule, context: AuditContext, accounts: [(id: AccountID, asked: AccountID?)], regions: [Region]
    ) async -> [CheckResult] {
        let client = Account(client: context.calls.client, context: context.principals.callerContext())
        return await withTaskGroup(of: CheckResult.self) { group in
            for account in accounts {
                for region in regions {
                    group.addTask {
                        do throws(AuditError) {
                            let status = try await context.calls.call("account:GetRegionOptStatus") {
                                try await client.regionOptStatus(accountId: account.asked?.rawValue, region: region.rawValue)
                            }
                            return Self.result(rule: rule, status: status, account: account.id, region: region)
                        } catch {
                            return rule.error(error, account: account.id, region: region)
                        }
                    }
                }
            }
            var results: [CheckResult] = []
            for await result in group { results.append(result) }
            return results.sorted { ($0.accountId ?? "", $0.region ?? "") < ($1.accountId ?? "", $1.region ?? "") }
        }
    }

    static func result(rule: Rule, status: String, account: AccountID, region: Region) -> CheckResult {
        let evidence: [String: JSONValue] = ["regionOptStatus": .string(status)]
        switch status {
        case "ENABLED", "ENABLED_BY_DEFAULT":
            return rule.result(.pass, "\(region) is enabled in \(account)", account: account, region: region, evidence: evidence)
        case "ENABLING":
            return rule.result(
                .warn, "\(region) is still being enabled in \(account): the StackSet's operation there fails until it is",
                account: account, region: region, evidence: evidence)
        default:
            return rule.finding(
                "\(region) is \(status.lowercased()) in \(account): the StackSet's operation fails there and, with "
                    + "FailureTolerancePercentage 0, stops for the region",
                account: account, region: region, evidence: evidence,
                remediation: "aws account enable-region --account-id \(account) --region-name \(region), or remove \(region) from the deployment's regions")
        }
    }
}
