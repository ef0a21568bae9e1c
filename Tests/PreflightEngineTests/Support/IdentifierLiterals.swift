import AWSCore
import Foundation

/// The day the tests judge dated facts on (Lambda runtime deprecations), so that no test changes with the calendar.
let testDay = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01T00:00:00Z

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
