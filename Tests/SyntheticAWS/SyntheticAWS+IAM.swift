extension SyntheticAWS {
    static let iamNamespace: StaticString = "https://iam.amazonaws.com/doc/2010-05-08/"

    func iam(_ request: SyntheticRequest, account: Int) -> SyntheticResponse? {
        switch request.operation {
        case "SimulatePrincipalPolicy", "SimulateCustomPolicy":
            let actions = Self.memberList("ActionNames", in: request.form)
            let resources = Self.memberList("ResourceArns", in: request.form)
            var result: WireBytes = "<IsTruncated>false</IsTruncated><EvaluationResults>"
            for action in actions {
                let decision = organization.variations.decisions[action]
                if decision == .absent { continue }
                result += "<member><EvalActionName>\(XML.escape(action))</EvalActionName>"
                result += "<EvalResourceName>\(XML.escape(resources.first ?? "*"))</EvalResourceName>"
                result += Self.evaluation(decision)
                result += "<MissingContextValues/><EvalDecisionDetails/></member>"
            }
            result += "</EvaluationResults>"
            return .query(request.operation, namespace: Self.iamNamespace, result: result)
        case "GetInstanceProfile":
            let name = request.form["InstanceProfileName"] ?? ""
            let id = organization.accountId(account)
            let result: WireBytes = """
                <InstanceProfile><Path>/</Path><InstanceProfileName>\(XML.escape(name))</InstanceProfileName>\
                <InstanceProfileId>AIPABENCH\(id)</InstanceProfileId>\
                <Arn>arn:aws:iam::\(id):instance-profile/\(XML.escape(name))</Arn><CreateDate>2025-06-01T08:00:00Z</CreateDate>\
                <Roles><member><Path>/</Path><RoleName>SSMInstanceRole</RoleName><RoleId>AROABENCHSSM\(id)</RoleId>\
                <Arn>arn:aws:iam::\(id):role/SSMInstanceRole</Arn><CreateDate>2025-06-01T08:00:00Z</CreateDate>\
                <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument></member></Roles>\
                </InstanceProfile>
                """
            return .query("GetInstanceProfile", namespace: Self.iamNamespace, result: result)
        case "GetRole":
            let name = request.form["RoleName"] ?? ""
            let id = organization.accountId(account)
            let result: WireBytes = """
                <Role><Path>/</Path><RoleName>\(XML.escape(name))</RoleName><RoleId>AROABENCH\(id)</RoleId>\
                <Arn>arn:aws:iam::\(id):role/\(XML.escape(name))</Arn><CreateDate>2025-06-01T08:00:00Z</CreateDate>\
                <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument>\
                <MaxSessionDuration>3600</MaxSessionDuration></Role>
                """
            return .query("GetRole", namespace: Self.iamNamespace, result: result)
        default:
            return nil
        }
    }

    /// The decision of an evaluation result and what decided it: `allowed` by `AdministratorAccess` unless a
    /// variation says otherwise.
    static func evaluation(_ decision: SyntheticVariations.Decision?) -> WireBytes {
        let statement: WireBytes = """
            <SourcePolicyType>IAM Policy</SourcePolicyType><StartPosition><Line>1</Line><Column>38</Column></StartPosition>\
            <EndPosition><Line>1</Line><Column>89</Column></EndPosition></member></MatchedStatements>
            """
        switch decision {
        case nil, .absent:
            return "<EvalDecision>allowed</EvalDecision><MatchedStatements><member><SourcePolicyId>AdministratorAccess</SourcePolicyId>\(statement)"
        case .implicitDeny:
            return "<EvalDecision>implicitDeny</EvalDecision><MatchedStatements/>"
        case .explicitDeny:
            return "<EvalDecision>explicitDeny</EvalDecision><MatchedStatements><member><SourcePolicyId>DenyDeployment</SourcePolicyId>\(statement)"
        case .deniedBySCP:
            return """
                <EvalDecision>implicitDeny</EvalDecision><MatchedStatements/>\
                <OrganizationsDecisionDetail><AllowedByOrganizations>false</AllowedByOrganizations></OrganizationsDecisionDetail>
                """
        case .deniedByBoundary:
            return """
                <EvalDecision>implicitDeny</EvalDecision><MatchedStatements><member><SourcePolicyId>AdministratorAccess</SourcePolicyId>\
                \(statement)<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>false</AllowedByPermissionsBoundary>\
                </PermissionsBoundaryDecisionDetail>
                """
        }
    }

    /// The values of a query list parameter `Name.member.1`, `Name.member.2`, … in order.
    static func memberList(_ name: String, in form: [String: String]) -> [String] {
        var values: [String] = []
        while let value = form["\(name).member.\(values.count + 1)"] {
            values.append(value)
        }
        return values
    }
}
