extension PolicyStatement {
    /// Whether this statement applies to the request: its action, resource, principal and every condition match.
    /// With `directly`, a `Principal` that names only the principal's account (`123456789012`, its `:root` ARN)
    /// does not match: in a resource policy such a statement delegates to the account's identity policies.
    func applies(to request: RequestContext, substituting: Bool, directly: Bool = false) -> Truth {
        let actionMatches = actions.patterns.contains { Wildcard($0).matches(request.action, ignoringCase: true) }
        guard actionMatches != actions.negated else { return .no }
        return Truth.all(
            [resourceApplies(request, substituting: substituting), principalApplies(request, directly: directly)]
                + conditions.lazy.map { ConditionEvaluator.evaluate($0, request, substituting: substituting) })
    }

    /// `Resource`: some entry matches (an entry whose variable the request lacks matches nothing).
    /// `NotResource`: no entry matches, and an entry whose variable the request lacks makes the statement not apply.
    func resourceApplies(_ request: RequestContext, substituting: Bool) -> Truth {
        guard let resources else { return .yes }
        var entries: [Truth] = []
        for pattern in resources.patterns {
            switch PolicyVariables.expand(pattern, in: request, wildcards: true, substituting: substituting) {
            case .pattern(let wildcard): entries.append(Truth(wildcard.matches(request.resource)))
            case .unresolved where resources.negated: return .no
            case .unresolved: entries.append(.no)
            case .unknown(let reason): entries.append(.unknown(reason))
            }
        }
        let matches = Truth.any(entries)
        return resources.negated ? matches.negated : matches
    }

    /// `Principal`/`NotPrincipal`: `*`, an account (`123456789012` or its `:root` ARN), an exact principal ARN, or a
    /// service principal (matched against `aws:PrincipalServiceName`); with `directly`, not by its account.
    func principalApplies(_ request: RequestContext, directly: Bool = false) -> Truth {
        guard let principals else { return .yes }
        let matches: Truth
        if principals.everyone {
            matches = .yes
        } else {
            var candidates: [Truth] = []
            let services = (request.values(of: "aws:PrincipalServiceName") ?? []).map { $0.lowercased() }
            for service in principals.identifiers[.service] ?? [] {
                candidates.append(Truth(services.contains(service.lowercased())))
            }
            let others =
                (principals.identifiers[.aws] ?? []) + (principals.identifiers[.federated] ?? [])
                + (principals.identifiers[.canonicalUser] ?? [])
            if let principalArn = request.principalArn {
                let account = request.values(of: "aws:PrincipalAccount")?.first
                for identifier in principals.identifiers[.aws] ?? [] {
                    candidates.append(Truth(Self.names(identifier, principalArn, account: directly ? nil : account)))
                }
            } else if !others.isEmpty, services.isEmpty {
                candidates.append(.unknown("the request's principal is not known"))
            }
            matches = Truth.any(candidates)
        }
        return principals.negated ? matches.negated : matches
    }

    /// Whether a principal identifier of the `AWS` kind names this principal, or its account when `account` is given.
    static func names(_ identifier: String, _ principalArn: String, account: String?) -> Bool {
        if identifier == principalArn {
            return true
        }
        guard let account else { return false }
        if identifier == account {
            return true
        }
        let parts = identifier.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[4] == account
            && parts[5] == "root"
    }
}
