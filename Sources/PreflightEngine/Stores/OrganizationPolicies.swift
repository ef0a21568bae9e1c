import PolicyEvaluation

/// The organization's policies of one type (SCPs) and the nodes they are attached to.
struct OrganizationPolicies: Sendable {
    static let serviceControlPolicyType = "SERVICE_CONTROL_POLICY"

    /// A policy, its document parsed once.
    struct Policy: Sendable {
        var named: NamedPolicy

        /// - Throws: `AuditError` naming the policy when its document cannot be read (its decisions are unknown).
        init(id: String, name: String, content: String) throws(AuditError) {
            do {
                named = NamedPolicy(id: id, name: name, document: try PolicyDocument(json: content))
            } catch {
                throw AuditError(message: "the SCP \(name) (\(id)) cannot be evaluated: \(error)")
            }
        }
    }

    var rootId: String
    var policies: [String: Policy]
    /// Policy ids by target id (root, OU or account).
    var attached: [String: [String]]

    /// The policies that apply to `account`, level by level: the root, each OU from the top, the account.
    func levels(of account: OrganizationAccount) -> [[NamedPolicy]] {
        ([rootId] + account.organizationalUnitPath + [account.id.rawValue]).map { node in
            (attached[node] ?? []).compactMap { policies[$0]?.named }
        }
    }
}
