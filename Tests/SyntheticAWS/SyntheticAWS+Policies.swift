import Foundation

extension SyntheticAWS {
    static let fullAccessPolicyId = "p-FullAWSAccess"
    static let fullAccessContent = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#

    static let rcpFullAccessPolicyId = "p-RCPFullAWSAccess"
    static let rcpFullAccessContent = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#

    typealias Policy = (id: String, name: String, type: String, content: String, targets: [String])

    /// The organization's SCPs: `FullAWSAccess` everywhere, then the variations' (`p-b00t000N`), with their targets.
    func serviceControlPolicies() -> [Policy] {
        [(Self.fullAccessPolicyId, "FullAWSAccess", "SERVICE_CONTROL_POLICY", Self.fullAccessContent, everyNode())]
            + attached(organization.variations.serviceControlPolicies, type: "SERVICE_CONTROL_POLICY", prefix: "p-b00t")
    }

    /// The organization's RCPs when the variations have any: `RCPFullAWSAccess` everywhere, then theirs (`p-rc00000N`).
    func resourceControlPolicies() -> [Policy] {
        guard !organization.variations.resourceControlPolicies.isEmpty else { return [] }
        return [(Self.rcpFullAccessPolicyId, "RCPFullAWSAccess", "RESOURCE_CONTROL_POLICY", Self.rcpFullAccessContent, everyNode())]
            + attached(organization.variations.resourceControlPolicies, type: "RESOURCE_CONTROL_POLICY", prefix: "p-rc00")
    }

    /// The root, every OU and every account.
    func everyNode() -> [String] {
        [SyntheticOrganization.rootId] + (0..<organization.organizationalUnitCount).map { organization.organizationalUnitId($0) }
            + (0..<organization.accountCount).map { organization.accountId($0) }
    }

    func attached(_ policies: [SyntheticVariations.ServiceControlPolicy], type: String, prefix: String) -> [Policy] {
        policies.enumerated().map { index, policy in
            let targets = policy.targets.map { target -> String in
                switch target {
                case .root: SyntheticOrganization.rootId
                case .organizationalUnit(let unit): organization.organizationalUnitId(unit)
                case .account(let account): organization.accountId(account)
                }
            }
            return ("\(prefix)\(String(index + 1).leftPadded(to: 4))", policy.name, type, policy.content, targets)
        }
    }

    /// `ListPolicies`, `DescribePolicy`, `ListTargetsForPolicy` and `ListPoliciesForTarget` of SCPs and RCPs, 20 per
    /// page.
    func policies(_ request: SyntheticRequest) -> SyntheticResponse {
        let every = serviceControlPolicies() + resourceControlPolicies()
        func summary(_ policy: Policy) -> String {
            """
            {"Id":"\(policy.id)","Arn":"arn:aws:organizations::\(organization.managementAccountId):policy/\(SyntheticOrganization.organizationId)/\(policy.type.lowercased())/\(policy.id)",\
            "Name":"\(policy.name)","Description":"\(policy.name)","Type":"\(policy.type)","AwsManaged":\(policy.id == Self.fullAccessPolicyId || policy.id == Self.rcpFullAccessPolicyId)}
            """
        }
        let token = request.jsonString("NextToken")
        switch request.operation {
        case "ListPolicies", "ListPoliciesForTarget":
            let type = request.jsonString("Filter")
            let target = request.jsonString("TargetId")
            let page = Self.page(every.filter { $0.type == type && (target == nil || $0.targets.contains(target!)) }, token: token, size: 20)
            return .json(WireBytes(bytes: Array(("{\"Policies\":[\(page.items.map(summary).joined(separator: ","))]\(Self.tokenText(page.next))}").utf8)))
        case "DescribePolicy":
            guard let policy = every.first(where: { $0.id == request.jsonString("PolicyId") }) else {
                return .error(service: "organizations", status: 400, code: "PolicyNotFoundException", message: "We can't find a policy with the PolicyId that you specified.")
            }
            let content = Self.jsonString(policy.content)
            return .json(WireBytes(bytes: Array(("{\"Policy\":{\"PolicySummary\":\(summary(policy)),\"Content\":\(content)}}").utf8)))
        default:
            guard let policy = every.first(where: { $0.id == request.jsonString("PolicyId") }) else {
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
