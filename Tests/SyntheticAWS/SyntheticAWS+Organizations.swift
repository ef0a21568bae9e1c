extension SyntheticAWS {
    static let stackSetsPrincipal = "member.org.stacksets.cloudformation.amazonaws.com"

    func organizations(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        let management = organization.managementAccountId
        let arnPrefix: WireBytes = "arn:aws:organizations::\(management):"
        let orgPath = SyntheticOrganization.organizationId
        let size = min(20, request.jsonInt("MaxResults") ?? 20)
        let token = request.jsonString("NextToken")
        switch request.operation {
        case "DescribeOrganization":
            return .json(
                """
                {"Organization":{"Id":"\(orgPath)","Arn":"\(arnPrefix)organization/\(orgPath)","FeatureSet":"ALL",\
                "MasterAccountArn":"\(arnPrefix)account/\(orgPath)/\(management)","MasterAccountId":"\(management)",\
                "MasterAccountEmail":"management@example.com","AvailablePolicyTypes":[{"Type":"SERVICE_CONTROL_POLICY","Status":"ENABLED"}]}}
                """)
        case "ListRoots":
            let rcps: WireBytes = organization.variations.resourceControlPolicies.isEmpty
                ? "" : ",{\"Type\":\"RESOURCE_CONTROL_POLICY\",\"Status\":\"ENABLED\"}"
            return .json(
                """
                {"Roots":[{"Id":"\(SyntheticOrganization.rootId)","Arn":"\(arnPrefix)root/\(orgPath)/\(SyntheticOrganization.rootId)",\
                "Name":"Root","PolicyTypes":[{"Type":"SERVICE_CONTROL_POLICY","Status":"ENABLED"}\(rcps)]}]}
                """)
        case "ListOrganizationalUnitsForParent":
            let count = request.jsonString("ParentId") == SyntheticOrganization.rootId ? organization.organizationalUnitCount : 0
            let page = Self.page(count: count, token: token, size: size)
            var body: WireBytes = "{\"OrganizationalUnits\":["
            body.append(page.range, separator: ",") { index in
                let id = organization.organizationalUnitId(index)
                return "{\"Id\":\"\(id)\",\"Arn\":\"\(arnPrefix)ou/\(orgPath)/\(id)\",\"Name\":\"Workloads-\(index)\"}"
            }
            body += "]\(Self.nextToken(page.next))}"
            return .json(body)
        case "ListAccountsForParent":
            let members = organization.accounts(inParent: request.jsonString("ParentId") ?? "")
            let page = Self.page(members, token: token, size: size)
            var body: WireBytes = "{\"Accounts\":["
            body.append(page.items, separator: ",") { account in
                let id = organization.accountId(account)
                return """
                    {"Id":"\(id)","Arn":"\(arnPrefix)account/\(orgPath)/\(id)","Email":"aws+\(id)@example.com",\
                    "Name":"account-\(id)","Status":"\(organization.status(account: account))","JoinedMethod":"CREATED",\
                    "JoinedTimestamp":\(Self.epoch(daysAgo: 400))}
                    """
            }
            body += "]\(Self.nextToken(page.next))}"
            return .json(body)
        case "ListAWSServiceAccessForOrganization":
            let stackSets: WireBytes = organization.variations.trustedAccessDisabled
                ? ""
                : """
                {"ServicePrincipal":"\(Self.stackSetsPrincipal)","DateEnabled":\(Self.epoch(daysAgo: 300))},
                """
            let account: WireBytes = organization.variations.accountManagementTrustedAccess
                ? "{\"ServicePrincipal\":\"account.amazonaws.com\",\"DateEnabled\":\(Self.epoch(daysAgo: 30))},"
                : ""
            return .json(
                """
                {"EnabledServicePrincipals":[\(stackSets)\(account)\
                {"ServicePrincipal":"ssm.amazonaws.com","DateEnabled":\(Self.epoch(daysAgo: 300))}]}
                """)
        case "ListPolicies", "DescribePolicy", "ListTargetsForPolicy", "ListPoliciesForTarget":
            return policies(request)
        case "ListDelegatedAdministrators":
            let principal = request.jsonString("ServicePrincipal") ?? Self.stackSetsPrincipal
            let admins = principal == Self.stackSetsPrincipal ? organization.variations.delegatedAdministrators : []
            var body: WireBytes = "{\"DelegatedAdministrators\":["
            body.append(admins, separator: ",") { account in
                let id = organization.accountId(account)
                return """
                    {"Id":"\(id)","Arn":"\(arnPrefix)account/\(orgPath)/\(id)","Email":"aws+\(id)@example.com",\
                    "Name":"account-\(id)","Status":"\(organization.status(account: account))","JoinedMethod":"CREATED",\
                    "JoinedTimestamp":\(Self.epoch(daysAgo: 400)),"DelegationEnabledDate":\(Self.epoch(daysAgo: 200))}
                    """
            }
            body += "]}"
            return .json(body)
        default:
            return nil
        }
    }
}
