/// AWS's policy evaluation logic for a request within one account: an explicit Deny wins; then every SCP level
/// and every RCP level must allow; then a resource-based policy naming the principal, or an identity-based policy,
/// must allow, within the permissions boundary and the session policies when there are any. A resource policy that
/// names only the account delegates to the identity policies; a KMS key policy is required, and across accounts
/// both the resource policy and an identity policy must allow (`PolicySet`).
public enum PolicyEvaluator {
    public static func evaluate(_ policies: PolicySet, _ request: RequestContext) -> Evaluation {
        let identity = PolicyOutcome(policies.identity, request)
        let boundary = policies.permissionsBoundary.map { PolicyOutcome([$0], request) }
        let session = policies.session.isEmpty ? nil : PolicyOutcome(policies.session, request)
        let resource = policies.resourcePolicy.map { PolicyOutcome([$0], request) }
        let scps = policies.scpLevels.map { PolicyOutcome($0, request) }
        let rcps = policies.rcpLevels.map { PolicyOutcome($0, request) }
        let all = [identity] + [boundary, session, resource].compactMap { $0 } + scps + rcps
        let direct = policies.resourcePolicy.map { PolicyOutcome([$0], request, directly: true).allowed } ?? .no
        var requirements = levelRequirements(scps, Requirement.serviceControlPolicies)
            + levelRequirements(rcps, Requirement.resourceControlPolicies)
        if policies.resourceInOtherAccount {
            requirements.append((.keyPolicy, resource?.allowed ?? .no))
            requirements.append((.grant, identity.allowed))
        } else if policies.resourcePolicyIsKeyPolicy {
            requirements.append((.keyPolicy, resource?.allowed ?? .no))
            requirements.append((.grant, Truth.any([direct, identity.allowed])))
        } else {
            requirements.append((.grant, Truth.any([direct, identity.allowed])))
        }
        if let boundary { requirements.append((.permissionsBoundary, boundary.allowed)) }
        if let session { requirements.append((.sessionPolicies, session.allowed)) }
        return decide(all, requirements: requirements)
    }

    /// Only the SCP levels (what the StackSet execution role meets in a member account): Deny anywhere, or a level
    /// without an Allow, denies; else allowed.
    public static func evaluateSCPs(_ levels: [[NamedPolicy]], _ request: RequestContext) -> Evaluation {
        let scps = levels.map { PolicyOutcome($0, request) }
        return decide(scps, requirements: levelRequirements(scps, Requirement.serviceControlPolicies))
    }

    /// Explicit Deny first; then denied if any requirement surely fails, allowed if all surely hold, else unknown.
    static func decide(_ outcomes: [PolicyOutcome], requirements: [(Requirement, Truth)]) -> Evaluation {
        let denying = outcomes.flatMap(\.denies)
        let allowing = outcomes.flatMap(\.allows)
        if !denying.isEmpty {
            return Evaluation(decision: .explicitDeny, denyingStatements: denying, allowingStatements: allowing)
        }
        let undenied = Truth.all(outcomes.map { $0.denied.negated })
        let unmet = requirements.filter { $0.1 == .no }.map(\.0)
        switch Truth.all([undenied] + requirements.map(\.1)) {
        case .yes:
            return Evaluation(decision: .allowed, allowingStatements: allowing)
        case .no:
            let level = unmet.lazy.compactMap { requirement -> Int? in
                switch requirement {
                case .serviceControlPolicies(let level), .resourceControlPolicies(let level): level
                default: nil
                }
            }.first
            return Evaluation(decision: .implicitDeny, allowingStatements: allowing, notAllowedAtLevel: level, unmet: unmet)
        case .unknown:
            let reasons = outcomes.flatMap { $0.undecidedDenies + $0.undecidedAllows }
            return Evaluation(decision: .unknown(reasons.joined(separator: "; ")), allowingStatements: allowing)
        }
    }

    /// One requirement per level: some policy of the level allows.
    static func levelRequirements(_ levels: [PolicyOutcome], _ requirement: (Int) -> Requirement) -> [(Requirement, Truth)] {
        levels.enumerated().map { (requirement($0.offset), $0.element.allowed) }
    }
}
