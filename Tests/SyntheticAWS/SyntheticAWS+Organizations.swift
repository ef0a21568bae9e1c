extension SyntheticAWS {
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
            return .json(
                """
                {"Roots":[{"Id":"\(SyntheticOrganization.rootId)","Arn":"\(arnPrefix)root/\(orgPath)/\(SyntheticOrganization.rootId)",\
                "Name":"Root","PolicyTypes":[{"Type":"SERVICE_CONTROL_POLICY","Status":"ENABLED"}]}]}
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
            let parent = request.jsonString("ParentId") ?? ""
            let members: Range<Int> =
                if parent == SyntheticOrganization.rootId { 0..<1 }
                else if let unit = organization.organizationalUnitIndex(parent) { organization.accounts(inOrganizationalUnit: unit) }
                else { 0..<0 }
            let page = Self.page(count: members.count, token: token, size: size)
            var body: WireBytes = "{\"Accounts\":["
            body.append(page.range, separator: ",") { offset in
                let id = organization.accountId(members.lowerBound + offset)
                return """
                    {"Id":"\(id)","Arn":"\(arnPrefix)account/\(orgPath)/\(id)","Email":"aws+\(id)@example.com",\
                    "Name":"account-\(id)","Status":"ACTIVE","JoinedMethod":"CREATED","JoinedTimestamp":\(Self.epoch(daysAgo: 400))}
                    """
            }
            body += "]\(Self.nextToken(page.next))}"
            return .json(body)
        case "ListAWSServiceAccessForOrganization":
            return .json(
                """
                {"EnabledServicePrincipals":[{"ServicePrincipal":"member.org.stacksets.cloudformation.amazonaws.com",\
                "DateEnabled":\(Self.epoch(daysAgo: 300))},{"ServicePrincipal":"ssm.amazonaws.com","DateEnabled":\(Self.epoch(daysAgo: 300))}]}
                """)
        case "ListDelegatedAdministrators":
            return .json("{\"DelegatedAdministrators\":[]}")
        default:
            return nil
        }
    }
}
