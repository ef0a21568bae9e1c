import Foundation

/// An access token of the AWS CLI's IAM Identity Center cache (`~/.aws/sso/cache/<sha1 of the key>.json`), with
/// what refreshing it takes; `document` keeps the file's other fields so that writing it back loses nothing.
public struct SSOToken: Sendable, Equatable {
    public var accessToken: String
    public var expiresAt: Date
    public var refreshToken: String?
    public var clientId: String?
    public var clientSecret: String?
    public var registrationExpiresAt: Date?
    /// The cache file as read.
    var document: Data

    /// What to do with the token at `now`, as botocore's `SSOTokenProvider` does.
    public enum Plan: Sendable, Equatable {
        /// Valid for longer than the refresh window.
        case use
        /// In the refresh window (or expired) and refreshable; `fallback` says whether the token itself may still be
        /// used when the refresh fails.
        case refresh(fallback: Bool)
        /// Expired and not refreshable.
        case expired
    }

    /// botocore refreshes a token 15 minutes before it expires.
    public static let refreshWindow: TimeInterval = 15 * 60

    /// - Parameter mayRefresh: `false` for a legacy profile's token, which botocore never refreshes.
    public func plan(at now: Date, mayRefresh: Bool = true) -> Plan {
        let valid = expiresAt > now
        if expiresAt.timeIntervalSince(now) > Self.refreshWindow { return .use }
        if mayRefresh, canRefresh(at: now) { return .refresh(fallback: valid) }
        return valid ? .use : .expired
    }

    /// Whether the cache holds a refresh token and a client registration that is still valid at `now`.
    public func canRefresh(at now: Date) -> Bool {
        guard refreshToken?.isEmpty == false, clientId?.isEmpty == false, clientSecret?.isEmpty == false,
            let registrationExpiresAt
        else { return false }
        return registrationExpiresAt > now
    }

    /// Reads a cache file's content; `nil` when it is not a token document.
    public init?(document: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: document) as? [String: Any],
            let accessToken = object["accessToken"] as? String, !accessToken.isEmpty,
            let expiresAt = (object["expiresAt"] as? String).flatMap(Self.date)
        else { return nil }
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        refreshToken = object["refreshToken"] as? String
        clientId = object["clientId"] as? String
        clientSecret = object["clientSecret"] as? String
        registrationExpiresAt = (object["registrationExpiresAt"] as? String).flatMap(Self.date)
        self.document = document
    }

    /// The token after a refresh, and the document to write back: the new access token, expiry and refresh token
    /// over the old document's fields.
    func refreshed(accessToken: String, expiresAt: Date, refreshToken: String?) throws -> SSOToken {
        var object = (try JSONSerialization.jsonObject(with: document) as? [String: Any]) ?? [:]
        object["accessToken"] = accessToken
        object["expiresAt"] = Self.format(expiresAt)
        if let refreshToken { object["refreshToken"] = refreshToken }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        guard let token = SSOToken(document: data) else {
            throw CocoaError(.coderInvalidValue)
        }
        return token
    }

    /// The cache's timestamps: ISO 8601 (`2026-12-02T01:00:00Z`), or the legacy `2026-12-02T01:00:00UTC`.
    static func date(_ text: String) -> Date? {
        let normalized = text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text
        return CredentialTimestamp.parse(normalized)
    }

    /// As botocore writes them: `%Y-%m-%dT%H:%M:%SZ`.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension SSOToken: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never prints the tokens or the client secret.
    public var description: String { "SSOToken(expiresAt: \(Self.format(expiresAt)), <redacted>)" }
    public var debugDescription: String { description }
}
