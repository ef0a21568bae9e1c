import AWSServices

/// Turns simulator answers into results: one per action, with the decision and what denied it
/// (`evaluatedBy: simulator`; the SCP rule's own evaluation says `local`).
enum PermissionEvidence {
    static func results(
        rule: Rule, principal: String, evaluations: [IAM.EvaluationResult], requested: [(action: String, resource: String)]
    ) -> [CheckResult] {
        requested.map { request in
            guard let evaluation = evaluations.first(where: {
                $0.evalActionName.caseInsensitiveCompare(request.action) == .orderedSame
                    && ($0.evalResourceName == nil || $0.evalResourceName == request.resource)
            }) else {
                return rule.result(
                    .error, "the simulator returned no decision for \(request.action)", resource: request.action,
                    evidence: ["principalArn": .string(principal), "action": .string(request.action)])
            }
            var evidence: [String: JSONValue] = [
                "principalArn": .string(principal), "action": .string(request.action),
                "resource": .string(request.resource), "decision": .string(evaluation.evalDecision),
                "evaluatedBy": "simulator",
                "matchedStatements": .array((evaluation.matchedStatements ?? []).compactMap { $0.sourcePolicyId }.map { .string($0) }),
            ]
            let deniedBy = evaluation.deniedBy
            evidence["deniedBy"] = .array(deniedBy.map { .string($0) })
            if evaluation.evalDecision == "allowed" {
                return rule.result(.pass, "\(request.action) is allowed", resource: request.action, evidence: evidence)
            }
            let cause = deniedBy.isEmpty ? "no policy allows it" : "denied by \(deniedBy.joined(separator: ", "))"
            return rule.finding(
                "\(principal) cannot perform \(request.action) on \(request.resource) (\(evaluation.evalDecision): \(cause))",
                resource: request.action, evidence: evidence,
                remediation: remediation(principal: principal, request: request, deniedBy: deniedBy))
        }
    }

    /// The statement that grants the denied action, and what else must change when a deny or a limit blocks it.
    static func remediation(principal: String, request: (action: String, resource: String), deniedBy: [String]) -> String {
        let owner = principal.hasPrefix("template:")
            ? "the template's \(principal.dropFirst("template:".count)) policy" : "the identity policy of \(principal)"
        var text = "Add to \(owner):\n" + PolicyStatement(Permission(action: request.action, resource: request.resource)).json
        if deniedBy.contains("scp") { text += "\nand allow \(request.action) in the organization's SCPs (an SCP denies it)." }
        if deniedBy.contains("permissions-boundary") { text += "\nand allow \(request.action) in the permissions boundary." }
        if deniedBy.contains("explicit-deny") { text += "\nand remove the explicit Deny that matches it." }
        return text
    }
}
