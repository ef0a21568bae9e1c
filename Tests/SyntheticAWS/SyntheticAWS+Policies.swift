import Foundation

extension SyntheticAWS {
    static let fullAccessPolicyId = "p-FullAWSAccess"
    static let fullAccessContent = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    /// The organization's SCPs: `FullAWSAccess` everywhere, then the variations' (`p-b00t000N`), with their targets.
    func serviceControlPolicies() -> [(id: String, name: String, content: String, targets: [String])] {
        let organization = organization
        let everything = [SyntheticOrganization.rootId]
            + (0..<organization.organizationalUnitCount).map { organization.organizationalUnitId($0) }
            + (0..<organization.accountCount).map { organization.accountId($0) }
        return [(Self.fullAccessPolicyId, "FullAWSAccess", Self.fullAccessContent, everything)]
            + organization.variations.serviceControlPolicies.enumerated().map { index, policy in
                let targets = policy.targets.map { target -> String in
                    switch target {
                    case .root: SyntheticOrganization.rootId
                    case .organizationalUnit(let unit): organization.organizationalUnitId(unit)
                    case .account(let account): organization.accountId(account)
                    }
                }
                return ("p-b00t\(String(index + 1).leftPadded(to: 4))", policy.name, policy.content, targets)
            }
    }

    /// `ListPolicies`, `DescribePolicy`, `ListTargetsForPolicy` and `ListPoliciesForTarget` of SCPs, 20 per page.
    func policies(_ request: SyntheticRequest) -> SyntheticResponse {
        let policies = serviceControlPolicies()
        func summary(_ policy: (id: String, name: String, content: String, targets: [String])) -> String {
            """
            {"Id":"\(policy.id)","Arn":"arn:aws:organizations::\(organization.managementAccountId):policy/\(SyntheticOrganization.organizationId)/service_control_policy/\(policy.id)",\
            "Name":"\(policy.name)","Description":"\(policy.name)","Type":"SERVICE_CONTROL_POLICY","AwsManaged":\(policy.id == Self.fullAccessPolicyId)}
            """
        }
        let token = request.jsonString("NextToken")
        switch request.operation {
        case "ListPolicies", "ListPoliciesForTarget":
            guard request.jsonString("Filter") == "SERVICE_CONTROL_POLICY" else { return .json("{\"Policies\":[]}") }
            let target = request.jsonString("TargetId")
            let page = Self.page(policies.filter { target == nil || $0.targets.contains(target!) }, token: token, size: 20)
            return .json(WireBytes(bytes: Array(("{\"Policies\":[\(page.items.map(summary).joined(separator: ","))]\(Self.tokenText(page.next))}").utf8)))
        case "DescribePolicy":
            guard let policy = policies.first(where: { $0.id == request.jsonString("PolicyId") }) else {
                return .error(service: "organizations", status: 400, code: "PolicyNotFoundException", message: "We can't find a policy with the PolicyId that you specified.")
            }
            let content = policy.content.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return .json(WireBytes(bytes: Array(("{\"Policy\":{\"PolicySummary\":\(summary(policy)),\"Content\":\"\(content)\"}}").utf8)))
        default:
            guard let policy = policies.first(where: { $0.id == request.jsonString("PolicyId") }) else {
                return .error(service: "organizations", status: 400, code: "PolicyNotFoundException", message: "We can't find a policy with the PolicyId that you specified.")
            }
            let page = Self.page(policy.targets, token: token, size: 20)
            let targets = page.items.map { id -> String in
                let type = id == SyntheticOrganization.rootId ? "ROOT" : id.hasPrefix("ou-") ? "ORGANIZATIONAL_UNIT" : "ACCOUNT"
                return "{\"TargetId\":\"\(id)\",\"Arn\":\"arn:aws:organizations::\(organization.managementAccountId):\(type.lowercased())/\(id)\",\"Name\":\"\(id)\",\"Type\":\"\(type)\"}"
            }
            return .json(WireBytes(bytes: Array(("{\"Targets\":[\(targets.joined(separator: ","))]\(Self.tokenText(page.next))}").utf8)))
        }
    }

    static func tokenText(_ next: String?) -> String { next.map { ",\"NextToken\":\"\($0)\"" } ?? "" }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
