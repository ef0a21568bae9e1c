/// What the statements of some policies say about one request.
struct PolicyOutcome {
    var allows: [MatchedStatement] = []
    var denies: [MatchedStatement] = []
    /// Why an Allow might apply, when that could not be decided.
    var undecidedAllows: [String] = []
    /// Why a Deny might apply, when that could not be decided.
    var undecidedDenies: [String] = []

    /// With `directly`, statements whose principal is only the account do not apply (`PolicyStatement.applies`).
    init(_ policies: [NamedPolicy], _ request: RequestContext, directly: Bool = false) {
        for policy in policies {
            for (index, statement) in policy.document.statements.enumerated() {
                let matched = MatchedStatement(
                    policyId: policy.id, policyName: policy.name, sid: statement.sid, index: index)
                switch (
                    statement.applies(to: request, substituting: policy.document.substitutesVariables, directly: directly),
                    statement.effect
                )
                {
                case (.yes, .allow): allows.append(matched)
                case (.yes, .deny): denies.append(matched)
                case (.unknown(let reason), .allow): undecidedAllows.append("\(matched): \(reason)")
                case (.unknown(let reason), .deny): undecidedDenies.append("\(matched): \(reason)")
                case (.no, _): continue
                }
            }
        }
    }

    /// Whether some statement allows.
    var allowed: Truth {
        allows.isEmpty ? undecided(undecidedAllows) : .yes
    }

    /// Whether some statement denies.
    var denied: Truth {
        denies.isEmpty ? undecided(undecidedDenies) : .yes
    }

    private func undecided(_ reasons: [String]) -> Truth {
        reasons.isEmpty ? .no : .unknown(reasons.joined(separator: "; "))
    }
}
