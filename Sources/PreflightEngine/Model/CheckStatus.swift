/// The outcome of one check on one subject.
public enum CheckStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case fail, error, warn, skip, pass

    /// Failures first, then errors, warnings, skips and passes.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
