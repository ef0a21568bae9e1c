import PreflightEngine

extension CoverageTotals {
    /// The instances the deployment should cover: all but the excluded ones.
    var eligible: Int { covered + uncovered }

    /// The covered share of the eligible instances in percent, or nil when none is eligible.
    var coveredPercent: Double? {
        eligible == 0 ? nil : Double(covered) * 100 / Double(eligible)
    }

    /// The protected share of all running instances in percent, or nil when there is none.
    var protectedPercent: Double? {
        instances == 0 ? nil : Double(protected) * 100 / Double(instances)
    }

    /// `coveredPercent` with at most one decimal (`87.5`, `100`), or `n/a`.
    var formattedPercent: String {
        guard let percent = coveredPercent else { return "n/a" }
        return Self.format(percent)
    }

    /// A percentage with at most one decimal (`87.5`, `100`).
    static func format(_ percent: Double) -> String {
        let value = (percent * 10).rounded() / 10
        return value == value.rounded() ? "\(Int(value))" : "\(value)"
    }

    /// Adds `other`'s counts.
    static func + (lhs: Self, rhs: Self) -> Self {
        CoverageTotals(
            instances: lhs.instances + rhs.instances, covered: lhs.covered + rhs.covered,
            uncovered: lhs.uncovered + rhs.uncovered, excluded: lhs.excluded + rhs.excluded,
            protected: lhs.protected + rhs.protected)
    }
}
