import AWSCore
import Foundation
import PolicyEvaluation

extension LambdaSecretAccessCheck {
    /// The role's identity policies as the local evaluator takes them: the template's documents before deployment
    /// (cross-checked with `SimulateCustomPolicy`), the simulator's decisions on the deployed role after.
    struct IdentityPolicies: Sendable {
        var policies: [NamedPolicy]
        /// Who decided the identity part: `local` (the template's documents) or `simulator` (the deployed role).
        var evaluatedBy: String
        /// The simulator's decision (`allowed`, `implicitDeny`, `explicitDeny`) by action, for the cross-check.
        var crossCheck: [String: String]

        /// Why the simulator and the local evaluator disagree on the identity policies' decision, or nil when they
        /// agree or one of them could not answer.
        func disagreement(_ request: RequestContext, local: Evaluation) -> String? {
            guard let simulated = crossCheck[request.action] else { return nil }
            let decided: String
            switch local.decision {
            case .allowed: decided = "allowed"
            case .implicitDeny: decided = "implicitDeny"
            case .explicitDeny: decided = "explicitDeny"
            case .unknown: return nil
            }
            guard decided != simulated else { return nil }
            return "the IAM simulator (\(simulated)) and the local evaluator (\(decided)) disagree on \(request.action) on "
                + "\(request.resource) for the Lambda role's identity policies: one of them is wrong, so neither is trusted"
        }
    }

    func identityPolicies(
        role: LambdaRole, requests: [RequestContext], context: AuditContext
    ) async throws(AuditError) -> IdentityPolicies {
        if role.deployed {
            var decisions: [(RequestContext, String)] = []
            for request in requests {
                let answers = try await context.principals.simulate(
                    principal: role.arn, actions: [request.action], resources: [request.resource])
                guard let decision = answers.first(where: { $0.evalActionName.caseInsensitiveCompare(request.action) == .orderedSame })?.evalDecision
                else {
                    throw AuditError(message: "the simulator returned no decision for \(request.action) for \(role.arn)")
                }
                decisions.append((request, decision))
            }
            return IdentityPolicies(
                policies: [try Self.simulatedPolicy(decisions, role: role.arn)], evaluatedBy: "simulator", crossCheck: [:])
        }
        let caller = try await context.principals.caller()
        let placeholders = Placeholders(
            partition: caller.partition, account: caller.account.rawValue, region: context.options.homeRegion,
            parameters: await context.stacks.effectiveParameters())
        let documents = context.options.deployment.lambdaPolicies.map { placeholders.substitute($0).text }
        let logicalId = context.options.deployment.lambdaRoleLogicalId
        var policies: [NamedPolicy] = []
        for (index, document) in documents.enumerated() {
            policies.append(try Self.policy(
                document, id: "template:\(logicalId)#\(index + 1)", name: "the template's \(logicalId) policy \(index + 1)"))
        }
        var crossCheck: [String: String] = [:]
        for request in requests {
            // The simulator's answer checks the local one; without it, the local one stands alone.
            let answers = try? await context.principals.simulate(
                policies: documents, actions: [request.action], resources: [request.resource])
            if let decision = answers?.first(where: { $0.evalActionName.caseInsensitiveCompare(request.action) == .orderedSame })?.evalDecision {
                crossCheck[request.action] = decision
            }
        }
        return IdentityPolicies(policies: policies, evaluatedBy: "local", crossCheck: crossCheck)
    }

    /// The simulator's decisions on the deployed role as one policy: an Allow or a Deny statement per decided
    /// action and resource, nothing for an implicit deny.
    static func simulatedPolicy(_ decisions: [(RequestContext, String)], role: String) throws(AuditError) -> NamedPolicy {
        var statements: [[String: String]] = []
        for (request, decision) in decisions where decision != "implicitDeny" {
            statements.append([
                "Effect": decision == "allowed" ? "Allow" : "Deny", "Action": request.action, "Resource": request.resource,
            ])
        }
        let name = "the identity policies of \(role) (simulated)"
        if statements.isEmpty {
            return NamedPolicy(id: role, name: name, document: PolicyDocument(statements: []))
        }
        let object: [String: Any] = ["Version": PolicyDocument.currentVersion, "Statement": statements]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            throw AuditError(message: "the simulator's decisions for \(role) cannot be represented")
        }
        return try policy(String(decoding: data, as: UTF8.self), id: role, name: name)
    }
}
