import AsyncHTTPClient
import Foundation
import Logging

/// Role credentials from IAM Identity Center, as the AWS CLI v2 gets them: the cached access token of the
/// profile's session (refreshed through SSO OIDC when it is about to expire and the cache allows it), then
/// `GET /federation/credentials` on the SSO portal of `sso_region` with the `x-amz-sso_bearer_token` header.
///
/// The endpoints are `portal.sso.REGION.amazonaws.com` and `oidc.REGION.amazonaws.com` unless `AWS_ENDPOINT_URL_SSO`
/// / `AWS_ENDPOINT_URL_SSO_OIDC` (or the profile's `endpoint_url` and services sections) override them. Neither
/// the token nor the credentials ever appear in an error.
public struct SSOCredentialProvider: CredentialProvider {
    public let configuration: SSOConfiguration
    public let cache: SSOTokenCache
    public let endpoints: EndpointResolver
    public let httpClient: HTTPClient
    /// Deadline of each request to the portal or SSO OIDC.
    public let timeout: Duration
    /// The clock, for tests.
    public let now: @Sendable () -> Date

    public init(
        configuration: SSOConfiguration, cache: SSOTokenCache, endpoints: EndpointResolver, httpClient: HTTPClient,
        timeout: Duration = .seconds(30), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.cache = cache
        self.endpoints = endpoints
        self.httpClient = httpClient
        self.timeout = timeout
        self.now = now
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let token = try await accessToken(logger: logger)
        var components = URLComponents(url: try endpoint(SSOService.portal), resolvingAgainstBaseURL: false)
        components?.percentEncodedPath += "federation/credentials"
        components?.queryItems = [
            URLQueryItem(name: "account_id", value: configuration.accountId),
            URLQueryItem(name: "role_name", value: configuration.roleName),
        ]
        guard let url = components?.url else { throw failure("the SSO portal's URL cannot be built") }
        let response = try await send(
            .get, url: url, headers: [("x-amz-sso_bearer_token", token.accessToken)], action: "GetRoleCredentials",
            logger: logger)
        switch response.status {
        case 200:
            guard let answer = try? JSONDecoder().decode(RoleCredentialsAnswer.self, from: Data(response.body.utf8)) else {
                throw failure("GetRoleCredentials answered with a malformed body")
            }
            let role = answer.roleCredentials
            return AWSCredentials(
                accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken,
                expiration: Date(timeIntervalSince1970: TimeInterval(role.expiration) / 1000))
        case 401:
            throw failure(configuration.expiredMessage)
        case 403:
            throw failure(
                "IAM Identity Center gives this session no access to role \(configuration.roleName) in account "
                    + "\(configuration.accountId) (ForbiddenException)")
        default:
            throw failure("GetRoleCredentials answered HTTP \(response.status)\(Self.errorType(response))")
        }
    }

    /// The session's access token: the cached one, refreshed when `SSOToken.plan` says so.
    func accessToken(logger: Logger) async throws -> SSOToken {
        guard let token = cache.token(key: configuration.cacheKey) else {
            throw failure("no IAM Identity Center session is cached; run: aws sso login --profile \(configuration.profile)")
        }
        switch token.plan(at: now(), mayRefresh: configuration.session != nil) {
        case .use:
            return token
        case .expired:
            throw failure(configuration.expiredMessage)
        case .refresh(let fallback):
            let refreshed: SSOToken
            do {
                refreshed = try await refresh(token, logger: logger)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard fallback else { throw failure(configuration.expiredMessage) }
                logger.debug("the IAM Identity Center token could not be refreshed; it is still valid: \(error)")
                return token
            }
            do {
                try cache.store(refreshed, key: configuration.cacheKey)
            } catch {
                logger.warning("the refreshed IAM Identity Center token could not be written to \(cache.directory)")
            }
            return refreshed
        }
    }

    /// SSO OIDC `CreateToken` with the `refresh_token` grant.
    func refresh(_ token: SSOToken, logger: Logger) async throws -> SSOToken {
        let body = try JSONEncoder().encode(RefreshRequest(
            clientId: token.clientId ?? "", clientSecret: token.clientSecret ?? "", grantType: "refresh_token",
            refreshToken: token.refreshToken ?? ""))
        let response = try await send(
            .post(body), url: try endpoint(SSOService.oidc).appendingPathComponent("token"),
            headers: [("Content-Type", "application/json")], action: "CreateToken", logger: logger)
        guard response.status == 200 else {
            throw failure("SSO OIDC CreateToken answered HTTP \(response.status)\(Self.errorType(response))")
        }
        guard let answer = try? JSONDecoder().decode(RefreshAnswer.self, from: Data(response.body.utf8)),
            !answer.accessToken.isEmpty, answer.expiresIn > 0
        else { throw failure("SSO OIDC CreateToken answered with a malformed body") }
        return try token.refreshed(
            accessToken: answer.accessToken, expiresAt: now().addingTimeInterval(TimeInterval(answer.expiresIn)),
            refreshToken: answer.refreshToken)
    }

    private func endpoint(_ service: SSOService) throws -> URL {
        do {
            return try endpoints.url(environmentId: service.environmentId, standardHost: service.host(region: configuration.region))
        } catch {
            throw failure("\(error)")
        }
    }

    private func send(
        _ method: MetadataMethod, url: URL, headers: [(String, String)], action: String, logger: Logger
    ) async throws -> MetadataResponse {
        do {
            return try await httpClient.metadataRequest(
                method, url: url.absoluteString, headers: headers + [("Accept", "application/json")], timeout: timeout,
                logger: logger)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // The error of a transport names no header, so no token can be in it.
            throw failure("\(action) could not be completed: \(ErrorMessageRedaction.redact("\(error)", secrets: []))")
        }
    }

    private func failure(_ message: String) -> CredentialProviderError {
        CredentialProviderError(.invalid, provider: "profile \(configuration.profile)", message: message)
    }

    /// `: TYPE` from the `x-amzn-ErrorType` header, which names the error without echoing the request.
    private static func errorType(_ response: MetadataResponse) -> String {
        guard let type = response.errorType?.split(separator: ":").first, !type.isEmpty,
            type.allSatisfy({ $0.isLetter || $0.isNumber })
        else { return "" }
        return " (\(type))"
    }

    private struct RoleCredentialsAnswer: Decodable {
        struct Role: Decodable {
            var accessKeyId: String
            var secretAccessKey: String
            var sessionToken: String
            var expiration: Int64
        }
        var roleCredentials: Role
    }

    private struct RefreshRequest: Encodable {
        var clientId: String
        var clientSecret: String
        var grantType: String
        var refreshToken: String
    }

    private struct RefreshAnswer: Decodable {
        var accessToken: String
        var expiresIn: Int
        var refreshToken: String?
    }
}
