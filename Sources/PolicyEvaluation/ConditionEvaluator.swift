import Foundation

/// Decides one condition clause against a request, as the IAM reference describes each operator.
enum ConditionEvaluator {
    static func evaluate(_ clause: ConditionClause, _ request: RequestContext, substituting: Bool) -> Truth {
        guard let op = ConditionOperator(clause.operatorName) else {
            return .unknown("condition operator \(clause.operatorName) is not known")
        }
        guard GlobalConditionKeys.isKnown(clause.key, in: request) else {
            return .unknown("condition key \(clause.key) is not known")
        }
        if request.isUnknown(clause.key) {
            return .unknown("the value of \(clause.key) is not known")
        }
        let present = request.values(of: clause.key).flatMap { $0.isEmpty ? nil : $0 }
        if op.comparison == .null {
            return null(clause, present: present != nil)
        }
        guard let contextValues = present else {
            if op.ifExists {
                return .yes
            }
            switch op.qualifier {
            case .forAllValues: return .yes
            case .forAnyValue: return .no
            case .none: return Truth(op.negated)
            }
        }
        var patterns: [Wildcard] = []
        for value in clause.values {
            let substitute = substituting && op.substitutesVariables
            switch PolicyVariables.expand(value, in: request, wildcards: op.usesWildcards, substituting: substitute) {
            case .pattern(let pattern): patterns.append(pattern)
            case .unresolved: return .no
            case .unknown(let reason): return .unknown(reason)
            }
        }
        // Whether one context value satisfies the comparison with some policy value (values are ORed).
        let holds = { (contextValue: String) -> Truth in
            Truth.any(patterns.lazy.map { compare(op.comparison, contextValue, $0, clause) })
        }
        switch (op.qualifier, op.negated) {
        case (.forAllValues, false): return Truth.all(contextValues.map(holds))
        case (.forAllValues, true): return Truth.all(contextValues.map { holds($0).negated })
        case (.forAnyValue, false): return Truth.any(contextValues.map(holds))
        case (.forAnyValue, true): return Truth.any(contextValues.map { holds($0).negated })
        case (.none, false): return Truth.any(contextValues.map(holds))
        case (.none, true): return Truth.any(contextValues.map(holds)).negated
        }
    }

    /// `Null`: `true` asks for the key to be absent, `false` for it to be present.
    static func null(_ clause: ConditionClause, present: Bool) -> Truth {
        Truth.any(
            clause.values.map { value in
                switch value.lowercased() {
                case "true": Truth(!present)
                case "false": Truth(present)
                default: .unknown("Null condition on \(clause.key) has the value \(value), not true or false")
                }
            })
    }

    static func compare(
        _ comparison: ConditionOperator.Comparison, _ contextValue: String, _ pattern: Wildcard,
        _ clause: ConditionClause
    ) -> Truth {
        let policyValue = pattern.literalText
        switch comparison {
        case .stringEquals:
            return Truth(contextValue == policyValue)
        case .stringEqualsIgnoreCase:
            return Truth(contextValue.lowercased() == policyValue.lowercased())
        case .stringLike:
            return Truth(pattern.matches(contextValue))
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            guard let policy = number(policyValue) else {
                return .unknown("\(clause.operatorName) on \(clause.key) has the value \(policyValue), not a number")
            }
            guard let context = number(contextValue) else {
                return .unknown("the value of \(clause.key) is not a number")
            }
            return Truth(order(comparison, context, policy))
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let policy = date(policyValue) else {
                return .unknown("\(clause.operatorName) on \(clause.key) has the value \(policyValue), not a date")
            }
            guard let context = date(contextValue) else {
                return .unknown("the value of \(clause.key) is not a date")
            }
            return Truth(order(comparison, context.timeIntervalSince1970, policy.timeIntervalSince1970))
        case .bool:
            let policy = policyValue.lowercased()
            guard policy == "true" || policy == "false" else {
                return .unknown("Bool condition on \(clause.key) has the value \(policyValue), not true or false")
            }
            return Truth(contextValue.lowercased() == policy)
        case .binaryEquals:
            guard let policy = Data(base64Encoded: policyValue) else {
                return .unknown("BinaryEquals on \(clause.key) has a value that is not base64")
            }
            guard let context = Data(base64Encoded: contextValue) else {
                return .unknown("the value of \(clause.key) is not base64")
            }
            return Truth(context == policy)
        case .ipAddress:
            guard let range = IPAddressRange(policyValue) else {
                return .unknown(
                    "\(clause.operatorName) on \(clause.key) has the value \(policyValue), not a CIDR block")
            }
            guard let address = IPAddressRange.address(contextValue) else {
                return .unknown("the value of \(clause.key) is not an IP address")
            }
            return Truth(range.contains(address))
        case .arnLike:
            return arnMatches(contextValue, pattern, clause)
        case .null:
            return .unknown("Null is not a comparison")
        }
    }

    static func order(_ comparison: ConditionOperator.Comparison, _ context: Double, _ policy: Double) -> Bool {
        switch comparison {
        case .numericLessThan, .dateLessThan: context < policy
        case .numericLessThanEquals, .dateLessThanEquals: context <= policy
        case .numericGreaterThan, .dateGreaterThan: context > policy
        case .numericGreaterThanEquals, .dateGreaterThanEquals: context >= policy
        default: context == policy
        }
    }

    static func number(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// An ISO 8601 date (`2020-01-01`, `2020-01-01T00:00:00Z`, with fractional seconds or an offset) or epoch
    /// seconds.
    static func date(_ text: String) -> Date? {
        if text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let seconds = number(text) {
            return Date(timeIntervalSince1970: seconds)
        }
        let styles: [ISO8601DateFormatter.Options] = [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
        ]
        for options in styles {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) {
                return date
            }
        }
        return nil
    }

    /// `ArnEquals`/`ArnLike`: each of the six colon-separated parts is matched on its own, wildcards included.
    static func arnMatches(_ contextValue: String, _ pattern: Wildcard, _ clause: ConditionClause) -> Truth {
        var parts: [[Wildcard.Token]] = [[]]
        for token in pattern.tokens {
            if token == .literal(":"), parts.count < 6 {
                parts.append([])
            } else {
                parts[parts.count - 1].append(token)
            }
        }
        guard parts.count == 6 else {
            return .unknown("\(clause.operatorName) on \(clause.key) has the value \(pattern.literalText), not an ARN")
        }
        let values = contextValue.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard values.count == 6 else { return .no }
        return Truth(zip(parts, values).allSatisfy { Wildcard(tokens: $0).matches(String($1)) })
    }
}
