import Foundation

extension EmulatorProcess {
    /// Issues an IAM Identity Center access token for `user` (`POST /_preflight/sso/tokens`, keys as in
    /// Tests/Emulator/README.md: `sessionName`, `startUrl`, `expiresIn`, `refreshToken`, …) and returns the answer,
    /// with `cache.fileName` and `cache.entry`: the AWS CLI's cache file for it.
    public func issueSSOToken(_ request: [String: Any]) throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: request)
        let data = try Self.output([
            "curl", "-sf", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
            String(decoding: body, as: UTF8.self), "\(endpoint)/_preflight/sso/tokens",
        ])
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
