import Foundation

extension EmulatorProcess {
    /// Issues an IAM Identity Center access token for `user` (`POST /_preflight/sso/tokens`, keys as in
    /// Tests/Emulator/README.md: `sessionName`, `startUrl`, `expiresIn`, `refreshToken`, …) and returns the answer,
    /// with `cache.fileName` and `cache.entry`: the AWS CLI's cache file for it.
    public func issueSSOToken(_ request: [String: Any]) throws -> [String: Any] {
        try postJSON("/_preflight/sso/tokens", request)
    }
}
