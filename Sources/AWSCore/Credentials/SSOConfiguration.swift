/// An IAM Identity Center profile, resolved as botocore resolves it: a profile with `sso_session` and its
/// `[sso-session NAME]` section (`sso_start_url`, `sso_region`), or a legacy profile with `sso_start_url` and
/// `sso_region` of its own; both name `sso_account_id` and `sso_role_name`.
public struct SSOConfiguration: Sendable, Equatable {
    /// The profile's name, for messages (`aws sso login --profile NAME`).
    public var profile: String
    /// The `[sso-session NAME]` the profile uses; `nil` for a legacy profile, whose token cannot be refreshed.
    public var session: String?
    public var startURL: String
    /// The region of the SSO portal and SSO OIDC endpoints.
    public var region: String
    public var accountId: String
    public var roleName: String

    /// The key the AWS CLI's token cache uses: the session name, or the start URL for a legacy profile.
    public var cacheKey: String { session ?? startURL }

    /// Whether `profile` is an IAM Identity Center profile at all.
    public static func applies(to profile: AWSProfile?) -> Bool {
        profile?["sso_session"] != nil || profile?["sso_start_url"] != nil
    }

    /// - Throws: `CredentialProviderError` (`.invalid`) naming the missing or conflicting setting.
    public init(profile: AWSProfile, files: AWSConfigFiles) throws {
        func invalid(_ message: String) -> CredentialProviderError {
            CredentialProviderError(.invalid, provider: "profile \(profile.name)", message: message)
        }
        func value(_ key: String, in values: AWSProfile) -> String? {
            values[key].map { $0.trimmingConfigWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        self.profile = profile.name
        if let name = value("sso_session", in: profile) {
            guard let section = files.ssoSessions[name] else {
                throw invalid("sso_session \(name) has no [sso-session \(name)] section in the config file")
            }
            for key in ["sso_start_url", "sso_region"] {
                guard let own = value(key, in: profile), let shared = value(key, in: section), own != shared else { continue }
                throw invalid("\(key) differs from the one of [sso-session \(name)]")
            }
            guard let startURL = value("sso_start_url", in: section), let region = value("sso_region", in: section) else {
                throw invalid("[sso-session \(name)] needs sso_start_url and sso_region")
            }
            (session, self.startURL, self.region) = (name, startURL, region)
        } else {
            guard let startURL = value("sso_start_url", in: profile), let region = value("sso_region", in: profile) else {
                throw invalid("an IAM Identity Center profile needs sso_session, or sso_start_url and sso_region")
            }
            (session, self.startURL, self.region) = (nil, startURL, region)
        }
        guard let accountId = value("sso_account_id", in: profile), let roleName = value("sso_role_name", in: profile) else {
            throw invalid("an IAM Identity Center profile needs sso_account_id and sso_role_name")
        }
        guard Region(rawValue: region) != nil else {
            throw invalid("sso_region '\(region.prefix(64))' is not a region name")
        }
        (self.accountId, self.roleName) = (accountId, roleName)
    }

    /// The message for a session that cannot be used any more.
    var expiredMessage: String {
        "the IAM Identity Center session has expired; run: aws sso login --profile \(profile)"
    }
}
