import PolicyEvaluation

/// The organization's policies of one type (SCPs or RCPs) and the nodes they are attached to.
struct OrganizationPolicies: Sendable {
    static let serviceControlPolicyType = "SERVICE_CONTROL_POLICY"
    static let resourceControlPolicyType = "RESOURCE_CONTROL_POLICY"

    /// A policy, its document parsed once.
    struct Policy: Sendable {
        var named: NamedPolicy
        var arn: String?

        /// - Throws: `AuditError` naming the policy when its document cannot be read (its decisions are unknown).
        init(id: String, name: String, arn: String? = nil, type: String, content: String) throws(AuditError) {
            self.arn = arn
            let kind = type == OrganizationPolicies.resourceControlPolicyType ? "RCP" : "SCP"
            do {
                named = NamedPolicy(id: id, name: name, document: try PolicyDocument(json: content))
            } catch {
                throw AuditError(message: "the \(kind) \(name) (\(id)) cannot be evaluated: \(error)")
            }
        }
    }

    var type: String
    var rootId: String
    /// Whether the root has the type enabled; when not, the type applies nowhere.
    var enabled: Bool
    var policies: [String: Policy]
    /// Policy ids by target id (root, OU or account).
    var attached: [String: [String]]

    /// The policies that apply to `account`, level by level: the root, each OU from the top, the account; none
    /// when the type is not enabled.
    func levels(of account: OrganizationAccount) -> [[NamedPolicy]] {
        guard enabled else { return [] }
        return ([rootId] + account.organizationalUnitPath + [account.id.rawValue]).map { node in
            (attached[node] ?? []).compactMap { policies[$0]?.named }
        }
    }

    /// The ARN of policy `id`, as `ListPolicies` gave it.
    func arn(of id: String) -> String? {
        policies[id]?.arn
    }
}
