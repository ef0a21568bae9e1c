/// A condition operator as the IAM reference defines it: a comparison, possibly negated, with the optional
/// `…IfExists` suffix and `ForAnyValue:`/`ForAllValues:` set prefix. Names are read case-insensitively.
struct ConditionOperator: Equatable {
    enum Comparison: Equatable {
        case stringEquals, stringEqualsIgnoreCase, stringLike
        case numericEquals, numericLessThan, numericLessThanEquals, numericGreaterThan, numericGreaterThanEquals
        case dateEquals, dateLessThan, dateLessThanEquals, dateGreaterThan, dateGreaterThanEquals
        case bool, binaryEquals, ipAddress, arnLike, null
    }

    enum SetQualifier: Equatable {
        case none, forAnyValue, forAllValues
    }

    var comparison: Comparison
    /// The `Not` form: true exactly when the comparison does not hold.
    var negated: Bool
    var ifExists: Bool
    var qualifier: SetQualifier

    /// Base operator names (lowercased) and what they compare.
    static let names: [String: (Comparison, negated: Bool)] = [
        "stringequals": (.stringEquals, false), "stringnotequals": (.stringEquals, true),
        "stringequalsignorecase": (.stringEqualsIgnoreCase, false),
        "stringnotequalsignorecase": (.stringEqualsIgnoreCase, true),
        "stringlike": (.stringLike, false), "stringnotlike": (.stringLike, true),
        "numericequals": (.numericEquals, false), "numericnotequals": (.numericEquals, true),
        "numericlessthan": (.numericLessThan, false), "numericlessthanequals": (.numericLessThanEquals, false),
        "numericgreaterthan": (.numericGreaterThan, false),
        "numericgreaterthanequals": (.numericGreaterThanEquals, false),
        "dateequals": (.dateEquals, false), "datenotequals": (.dateEquals, true),
        "datelessthan": (.dateLessThan, false), "datelessthanequals": (.dateLessThanEquals, false),
        "dategreaterthan": (.dateGreaterThan, false), "dategreaterthanequals": (.dateGreaterThanEquals, false),
        "bool": (.bool, false), "binaryequals": (.binaryEquals, false),
        "ipaddress": (.ipAddress, false), "notipaddress": (.ipAddress, true),
        "arnequals": (.arnLike, false), "arnlike": (.arnLike, false),
        "arnnotequals": (.arnLike, true), "arnnotlike": (.arnLike, true),
        "null": (.null, false),
    ]

    /// `nil` for a name the IAM reference does not define.
    init?(_ name: String) {
        var rest = Substring(name.lowercased())
        qualifier = .none
        if rest.hasPrefix("foranyvalue:") {
            qualifier = .forAnyValue
            rest = rest.dropFirst("foranyvalue:".count)
        } else if rest.hasPrefix("forallvalues:") {
            qualifier = .forAllValues
            rest = rest.dropFirst("forallvalues:".count)
        }
        ifExists = rest.hasSuffix("ifexists")
        if ifExists {
            rest = rest.dropLast("ifexists".count)
        }
        guard let entry = Self.names[String(rest)] else { return nil }
        if entry.0 == .null, ifExists || qualifier != .none {
            return nil
        }
        comparison = entry.0
        negated = entry.negated
    }

    /// Whether policy variables and wildcards are read in this operator's values.
    var substitutesVariables: Bool {
        [.stringEquals, .stringEqualsIgnoreCase, .stringLike, .arnLike].contains(comparison)
    }

    /// Whether `*` and `?` in this operator's values are wildcards.
    var usesWildcards: Bool {
        comparison == .stringLike || comparison == .arnLike
    }
}
