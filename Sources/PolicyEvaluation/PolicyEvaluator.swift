/// AWS's policy evaluation logic for a request within one account: an explicit Deny wins; then every SCP level
/// and every RCP level must allow; then a resource-based or an identity-based policy must allow, within the
/// permissions boundary and the session policies when there are any.
public enum PolicyEvaluator {
    public static func evaluate(_ policies: PolicySet, _ request: RequestContext) -> Evaluation {
        let identity = PolicyOutcome(policies.identity, request)
        let boundary = policies.permissionsBoundary.map { PolicyOutcome([$0], request) }
        let session = policies.session.isEmpty ? nil : PolicyOutcome(policies.session, request)
        let resource = policies.resourcePolicy.map { PolicyOutcome([$0], request) }
        let scps = policies.scpLevels.map { PolicyOutcome($0, request) }
        let rcps = policies.rcpLevels.map { PolicyOutcome($0, request) }
        let all = [identity] + [boundary, session, resource].compactMap { $0 } + scps + rcps
        let scpLevel = firstLevelWithoutAllow(scps)
        let rcpLevel = firstLevelWithoutAllow(rcps)
        let grants = Truth.any([resource?.allowed ?? .no, identity.allowed])
        let requirements = [
            levelsAllow(scps), levelsAllow(rcps), grants, boundary?.allowed ?? .yes, session?.allowed ?? .yes,
        ]
        return decide(all, requirements: requirements, notAllowedAtLevel: scpLevel ?? rcpLevel)
    }

    /// Only the SCP levels (what the StackSet execution role meets in a member account): Deny anywhere, or a level
    /// without an Allow, denies; else allowed.
    public static func evaluateSCPs(_ levels: [[NamedPolicy]], _ request: RequestContext) -> Evaluation {
        let scps = levels.map { PolicyOutcome($0, request) }
        return decide(scps, requirements: [levelsAllow(scps)], notAllowedAtLevel: firstLevelWithoutAllow(scps))
    }

    /// Explicit Deny first; then denied if any requirement surely fails, allowed if all surely hold, else unknown.
    static func decide(_ outcomes: [PolicyOutcome], requirements: [Truth], notAllowedAtLevel: Int?) -> Evaluation {
        let denying = outcomes.flatMap(\.denies)
        let allowing = outcomes.flatMap(\.allows)
        if !denying.isEmpty {
            return Evaluation(decision: .explicitDeny, denyingStatements: denying, allowingStatements: allowing)
        }
        let undenied = Truth.all(outcomes.map { $0.denied.negated })
        switch Truth.all([undenied] + requirements) {
        case .yes:
            return Evaluation(decision: .allowed, allowingStatements: allowing)
        case .no:
            return Evaluation(
                decision: .implicitDeny, allowingStatements: allowing, notAllowedAtLevel: notAllowedAtLevel)
        case .unknown:
            let reasons = outcomes.flatMap { $0.undecidedDenies + $0.undecidedAllows }
            return Evaluation(decision: .unknown(reasons.joined(separator: "; ")), allowingStatements: allowing)
        }
    }

    /// Whether every level has a policy that allows.
    static func levelsAllow(_ levels: [PolicyOutcome]) -> Truth {
        Truth.all(levels.map(\.allowed))
    }

    /// The first level (0 = root) where surely no policy allows.
    static func firstLevelWithoutAllow(_ levels: [PolicyOutcome]) -> Int? {
        levels.firstIndex { $0.allowed == .no }
    }
}
