import AWSCore

// Test-only literals: a typo in a test's region or account id fails that test at once.

extension Region: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        guard let region = Region(rawValue: value) else { preconditionFailure("not a region: \(value)") }
        self = region
    }
}

extension AccountID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        guard let account = AccountID(rawValue: value) else { preconditionFailure("not an account id: \(value)") }
        self = account
    }
}
