import AWSCore
import Foundation
import Testing

/// IAM Identity Center profiles, against a loopback server standing in for the SSO portal and SSO OIDC with the
/// real services' answer shapes.
@Suite struct SSOCredentialProviderTests {
    static let config = """
        [profile dev]
        sso_session = my-sso
        sso_account_id = 111111111111
        sso_role_name = AdministratorAccess
        region = eu-west-1

        [sso-session my-sso]
        sso_start_url = https://example.awsapps.com/start
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access

        [profile legacy]
        sso_start_url = https://example.awsapps.com/start
        sso_region = us-east-1
        sso_account_id = 222222222222
        sso_role_name = ReadOnly

        [profile no-section]
        sso_session = missing
        sso_account_id = 111111111111
        sso_role_name = AdministratorAccess

        [profile conflicting]
        sso_session = my-sso
        sso_start_url = https://other.awsapps.com/start
        sso_account_id = 111111111111
        sso_role_name = AdministratorAccess

        [profile no-role]
        sso_session = my-sso
        sso_account_id = 111111111111
        """

    /// `sha1("my-sso")` and `sha1("https://example.awsapps.com/start")`, as the AWS CLI names the cache files.
    static let sessionCacheFile = ".aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json"
    static let legacyCacheFile = ".aws/sso/cache/e8be5486177c5b5392bd9aa76563515b29358e6e.json"

    static let roleCredentials = #"""
        {"roleCredentials":{"accessKeyId":"ASIASSOROLE","secretAccessKey":"sso-secret","sessionToken":"sso-session-token","expiration":1893456000000}}
        """#

    static func timestamp(_ offset: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date().addingTimeInterval(offset))
    }

    /// A cache document: the access token expiring in `expiresIn` seconds, refreshable when `refresh` is given.
    static func cacheDocument(token: String, expiresIn: TimeInterval, refresh: (token: String, registrationIn: TimeInterval)? = nil) -> String {
        var fields = [
            #""startUrl": "https://example.awsapps.com/start""#, #""region": "eu-west-1""#,
            #""accessToken": "\#(token)""#, #""expiresAt": "\#(timestamp(expiresIn))""#,
        ]
        if let refresh {
            fields += [
                #""clientId": "client-1""#, #""clientSecret": "client-secret-1""#,
                #""registrationExpiresAt": "\#(timestamp(refresh.registrationIn))""#, #""refreshToken": "\#(refresh.token)""#,
            ]
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// The portal and OIDC: role credentials for `valid` tokens only; `POST /token` trades refresh token `r-1`.
    static func responder(valid: Set<String>) -> CredentialTestServer.Responder {
        { request in
            if request.method == "POST", request.uri == "/token" {
                guard request.body.contains(#""refreshToken":"r-1""#), request.body.contains(#""grantType":"refresh_token""#),
                    request.body.contains(#""clientSecret":"client-secret-1""#)
                else {
                    return .init(400, #"{"error":"invalid_grant"}"#, headers: [("x-amzn-ErrorType", "InvalidGrantException")])
                }
                return .init(200, #"{"accessToken":"fresh-token","tokenType":"Bearer","expiresIn":3600,"refreshToken":"r-2"}"#)
            }
            guard request.method == "GET", request.uri.hasPrefix("/federation/credentials?") else { return .init(404) }
            guard let token = request.headers["x-amz-sso_bearer_token"], valid.contains(token) else {
                return .init(
                    401, #"{"message":"Session token not found or invalid"}"#, headers: [("x-amzn-ErrorType", "UnauthorizedException")])
            }
            return .init(200, roleCredentials)
        }
    }

    func run(
        _ profile: String, cache: (file: String, document: String)?, valid: Set<String>,
        _ check: (Result<AWSCredentials, CredentialProviderError>, CredentialTestServer, CredentialTestDirectory) throws -> Void
    ) async throws {
        let home = try CredentialTestDirectory()
        defer { home.remove() }
        try home.writeConfig(Self.config)
        if let cache {
            try FileManager.default.createDirectory(atPath: home.path + "/.aws/sso/cache", withIntermediateDirectories: true)
            try home.write(cache.file, cache.document)
        }
        try await CredentialTestServer.with(Self.responder(valid: valid)) { server in
            let environment = home.environment([
                "AWS_ENDPOINT_URL_SSO": server.baseURL, "AWS_ENDPOINT_URL_SSO_OIDC": server.baseURL,
            ])
            let chain = CredentialProviderChain.default(
                profile: profile, environment: environment, httpClient: .shared, fetcher: FakeRoleFetcher())
            let result: Result<AWSCredentials, CredentialProviderError>
            do {
                result = .success(try await chain.credentials(logger: credentialTestLogger))
            } catch let error as CredentialProviderError {
                result = .failure(error)
            }
            try check(result, server, home)
        }
    }

    @Test func ssoSessionProfileGetsRoleCredentialsWithTheCachedToken() async throws {
        let cache = (Self.sessionCacheFile, Self.cacheDocument(token: "cached-token", expiresIn: 3600))
        try await run("dev", cache: cache, valid: ["cached-token"]) { result, server, _ in
            let credentials = try result.get()
            #expect(credentials.accessKeyId == "ASIASSOROLE" && credentials.sessionToken == "sso-session-token")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))
            let request = try #require(server.requests.first)
            #expect(request.uri == "/federation/credentials?account_id=111111111111&role_name=AdministratorAccess")
            #expect(request.headers["x-amz-sso_bearer_token"] == "cached-token")
            #expect(server.requests.count == 1)
        }
    }

    @Test func legacyProfileIsKeyedByItsStartURL() async throws {
        let cache = (Self.legacyCacheFile, Self.cacheDocument(token: "legacy-token", expiresIn: 3600))
        try await run("legacy", cache: cache, valid: ["legacy-token"]) { result, server, _ in
            let credentials = try result.get()
            #expect(credentials.accessKeyId == "ASIASSOROLE")
            #expect(server.requests.first?.uri == "/federation/credentials?account_id=222222222222&role_name=ReadOnly")
        }
    }

    /// The CLI's older cache wrote `…UTC` instead of `…Z`.
    @Test func legacyTimestampsAreRead() async throws {
        let document = Self.cacheDocument(token: "legacy-token", expiresIn: 3600)
            .replacingOccurrences(of: #"Z""#, with: #"UTC""#)
        #expect(document.contains(#"UTC""#))
        try await run("legacy", cache: (Self.legacyCacheFile, document), valid: ["legacy-token"]) { result, _, _ in
            let credentials = try result.get()
            #expect(credentials.accessKeyId == "ASIASSOROLE")
        }
    }

    @Test func expiredTokenIsRefreshedAndTheCacheWrittenBack() async throws {
        let cache = (Self.sessionCacheFile, Self.cacheDocument(token: "old-token", expiresIn: -60, refresh: ("r-1", 86_400)))
        let started = Date()
        try await run("dev", cache: cache, valid: ["fresh-token"]) { result, server, home in
            let credentials = try result.get()
            #expect(credentials.accessKeyId == "ASIASSOROLE")
            #expect(server.requests.map(\.method) == ["POST", "GET"])
            #expect(server.requests.last?.headers["x-amz-sso_bearer_token"] == "fresh-token")
            let path = home.path + "/" + Self.sessionCacheFile
            let written = try #require(FileManager.default.contents(atPath: path))
            let object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: String])
            #expect(object["accessToken"] == "fresh-token" && object["refreshToken"] == "r-2")
            #expect(object["clientId"] == "client-1" && object["startUrl"] == "https://example.awsapps.com/start")
            let expiresText = try #require(object["expiresAt"])
            let expiresAt = try #require(ISO8601DateFormatter().date(from: expiresText))
            // Refreshed between `started` and now (slow on a loaded machine), for an hour (whole seconds).
            #expect(expiresAt.timeIntervalSince(started) > 3598 && expiresAt.timeIntervalSinceNow < 3601)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: home.path + "/.aws/sso/cache")
            #expect(leftovers.count == 1)
        }
    }

    /// Within 15 minutes of its expiry a refreshable token is refreshed; when that fails, it is used while valid.
    @Test func tokenAboutToExpireIsUsedWhenTheRefreshFails() async throws {
        let cache = (Self.sessionCacheFile, Self.cacheDocument(token: "cached-token", expiresIn: 300, refresh: ("r-bad", 86_400)))
        try await run("dev", cache: cache, valid: ["cached-token"]) { result, server, _ in
            let credentials = try result.get()
            #expect(credentials.accessKeyId == "ASIASSOROLE")
            #expect(server.requests.map(\.method) == ["POST", "GET"])
            #expect(server.requests.last?.headers["x-amz-sso_bearer_token"] == "cached-token")
        }
    }

    @Test(arguments: [
        ("dev", sessionCacheFile, cacheDocument(token: "old-token", expiresIn: -60)),
        ("dev", sessionCacheFile, cacheDocument(token: "old-token", expiresIn: -60, refresh: ("r-1", -60))),
        ("dev", sessionCacheFile, cacheDocument(token: "old-token", expiresIn: -60, refresh: ("r-bad", 86_400))),
        ("legacy", legacyCacheFile, cacheDocument(token: "old-token", expiresIn: -60, refresh: ("r-1", 86_400))),
    ])
    func expiredSessionStopsWithTheLoginCommand(_ profile: String, _ file: String, _ document: String) async throws {
        try await run(profile, cache: (file, document), valid: ["fresh-token"]) { result, server, _ in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.description == "profile \(profile): the IAM Identity Center session has expired; run: aws sso login --profile \(profile)")
            #expect(server.requests.allSatisfy { $0.method == "POST" })
            // A legacy profile's token is never refreshed, as botocore does.
            if profile == "legacy" { #expect(server.requests.isEmpty) }
        }
    }

    /// A token the portal no longer accepts (revoked, or signed out elsewhere) is an expired session too.
    @Test func revokedTokenStopsWithTheLoginCommand() async throws {
        let cache = (Self.sessionCacheFile, Self.cacheDocument(token: "revoked-token", expiresIn: 3600))
        try await run("dev", cache: cache, valid: []) { result, _, _ in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.description.hasSuffix("session has expired; run: aws sso login --profile dev"))
            #expect(!error.description.contains("revoked-token"))
        }
    }

    @Test func noCachedSessionSaysToLogIn() async throws {
        try await run("dev", cache: nil, valid: []) { result, server, _ in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.description == "profile dev: no IAM Identity Center session is cached; run: aws sso login --profile dev")
            #expect(server.requests.isEmpty)
        }
    }

    @Test(arguments: [
        ("no-section", "sso_session missing has no [sso-session missing] section in the config file"),
        ("conflicting", "sso_start_url differs from the one of [sso-session my-sso]"),
        ("no-role", "an IAM Identity Center profile needs sso_account_id and sso_role_name"),
    ])
    func misconfiguredProfilesNameTheSetting(_ profile: String, _ message: String) async throws {
        try await run(profile, cache: nil, valid: []) { result, _, _ in
            guard case .failure(let error) = result else { Issue.record("expected an error"); return }
            #expect(error.kind == .invalid)
            #expect(error.description == "profile \(profile): \(message)")
        }
    }

    @Test func plansFollowBotocoresRefreshWindow() throws {
        let now = Date()
        func token(expiresIn: TimeInterval, refreshable: Bool, registrationIn: TimeInterval = 86_400) throws -> SSOToken {
            let document = Self.cacheDocument(
                token: "t", expiresIn: expiresIn, refresh: refreshable ? ("r", registrationIn) : nil)
            return try #require(SSOToken(document: Data(document.utf8)))
        }
        let cases: [(TimeInterval, Bool, TimeInterval, SSOToken.Plan)] = [
            (3600, true, 86_400, .use), (600, true, 86_400, .refresh(fallback: true)),
            (-10, true, 86_400, .refresh(fallback: false)), (600, false, 86_400, .use), (-10, false, 86_400, .expired),
            (-10, true, -1, .expired),
        ]
        for (expiresIn, refreshable, registrationIn, plan) in cases {
            let planned = try token(expiresIn: expiresIn, refreshable: refreshable, registrationIn: registrationIn).plan(at: now)
            #expect(planned == plan, "expiresIn \(expiresIn), refreshable \(refreshable)")
        }
        #expect(try token(expiresIn: -10, refreshable: true).plan(at: now, mayRefresh: false) == .expired)
    }

    @Test func tokensNeverPrint() throws {
        let document = Self.cacheDocument(token: "secret-token", expiresIn: 60, refresh: ("secret-refresh", 60))
        let token = try #require(SSOToken(document: Data(document.utf8)))
        for text in ["\(token)", String(reflecting: token)] {
            #expect(!text.contains("secret-token") && !text.contains("secret-refresh") && !text.contains("client-secret-1"))
        }
    }
}
