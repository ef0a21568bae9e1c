import AsyncHTTPClient
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Credentials from the ECS / EKS Pod Identity container endpoint, like botocore's `ContainerProvider`:
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (appended to `http://169.254.170.2`) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https, a loopback address, or one of the container hosts), with
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the `Authorization` header.
public struct ContainerCredentialProvider: CredentialProvider {
    /// Hosts allowed over plain http besides loopback addresses, as in botocore's `ContainerMetadataFetcher`.
    public static let allowedHosts = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"]

    public let environment: [String: String]
    public let httpClient: HTTPClient
    /// Where a relative URI points; the default is the ECS agent's address.
    public let relativeURIBase: String
    /// Deadline of each request (botocore: 2 s).
    public let timeout: Duration
    /// Requests made before giving up (botocore: 3).
    public let attempts: Int
    /// Pause between attempts (botocore: 1 s).
    public let retryDelay: Duration

    public init(
        environment: [String: String],
        httpClient: HTTPClient,
        relativeURIBase: String = "http://169.254.170.2",
        timeout: Duration = .seconds(2),
        attempts: Int = 3,
        retryDelay: Duration = .seconds(1)
    ) {
        self.environment = environment
        self.httpClient = httpClient
        self.relativeURIBase = relativeURIBase
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let provider = "container credentials"
        let url: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            url = relativeURIBase + relative
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            url = full
        } else {
            throw CredentialProviderError(
                .notFound,
                provider: provider,
                message: "neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set"
            )
        }
        if let reason = Self.disallowedReason(url: url) {
            throw CredentialProviderError(.invalid, provider: provider, message: reason)
        }
        var headers = [("Accept", "application/json")]
        if let token = try authorizationToken(provider: provider) {
            headers.append(("Authorization", token))
        }

        var lastFailure = ""
        for attempt in 1...attempts {
            if attempt > 1 { try await Task.sleep(for: retryDelay) }
            do {
                let response = try await httpClient.metadataRequest(
                    .get,
                    url: url,
                    headers: headers,
                    timeout: timeout,
                    logger: logger
                )
                guard response.status == 200 else {
                    lastFailure = "HTTP \(response.status)"
                    logger.debug("container credentials endpoint answered HTTP \(response.status)")
                    continue
                }
                guard let object = CredentialDocument.object(response.body) else {
                    lastFailure = "a response that is not a JSON object"
                    continue
                }
                return try CredentialDocument.credentials(from: object, provider: provider)
            } catch let error as CredentialProviderError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastFailure = "\(error)"
                logger.debug("container credentials request failed: \(error)")
            }
        }
        throw CredentialProviderError(
            .invalid,
            provider: provider,
            message: "no credentials from \(url) after \(attempts) attempt(s): \(lastFailure)"
        )
    }

    /// Why botocore would refuse to fetch from `url`, or `nil` when it is allowed.
    static func disallowedReason(url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            return "'\(url)' is not a valid URL"
        }
        if scheme == "https" { return nil }
        var host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if isLoopbackAddress(host) || allowedHosts.contains(host) { return nil }
        return "unsupported host '\(host)': container credentials come only from https URLs, loopback addresses "
            + "or one of \(allowedHosts.joined(separator: ", "))"
    }

    /// Whether `host` is a literal loopback IP address (`127.0.0.0/8` or `::1`), like Python's `ip.is_loopback`.
    static func isLoopbackAddress(_ host: String) -> Bool {
        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, host, &ipv6) == 1 {
            let bytes = withUnsafeBytes(of: &ipv6) { Array($0) }
            return bytes == Array(repeating: 0, count: 15) + [1]
        }
        return false
    }

    private func authorizationToken(provider: String) throws -> String? {
        let token: String
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw CredentialProviderError(
                    .invalid,
                    provider: provider,
                    message: "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path)"
                )
            }
            token = text
        } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            token = value
        } else {
            return nil
        }
        if token.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw CredentialProviderError(
                .invalid,
                provider: provider,
                message: "the authorization token contains a line break, which is not a legal header value"
            )
        }
        return token
    }
}
