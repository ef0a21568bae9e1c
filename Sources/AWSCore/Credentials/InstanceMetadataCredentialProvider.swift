import AsyncHTTPClient
import Foundation
import Logging

/// Credentials of the EC2 instance role from the instance metadata service, like botocore's
/// `InstanceMetadataFetcher`: IMDSv2 (token `PUT`, then `GET` with the token), falling back to IMDSv1 when the
/// token request is refused (403, 404, 405), times out or fails, unless IMDSv1 is disabled. An unreachable or
/// empty service means `.notFound`, so the CLI's chain ends quietly off EC2.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    /// Settings botocore reads from the environment and the selected profile.
    public struct Configuration: Sendable, Equatable {
        /// Base URL, `http://169.254.169.254/` by default.
        public var endpoint: String
        /// Deadline of each request (`metadata_service_timeout`, 1 s by default).
        public var timeout: Duration
        /// Attempts per request (`metadata_service_num_attempts`, 1 by default).
        public var attempts: Int
        /// `AWS_EC2_METADATA_DISABLED=true`.
        public var disabled: Bool
        /// `ec2_metadata_v1_disabled`: no IMDSv1 fallback.
        public var v1Disabled: Bool

        public static let ipv4Endpoint = "http://169.254.169.254/"
        public static let ipv6Endpoint = "http://[fd00:ec2::254]/"

        public init(
            endpoint: String = Self.ipv4Endpoint,
            timeout: Duration = .seconds(1),
            attempts: Int = 1,
            disabled: Bool = false,
            v1Disabled: Bool = false
        ) {
            self.endpoint = endpoint
            self.timeout = timeout
            self.attempts = max(1, attempts)
            self.disabled = disabled
            self.v1Disabled = v1Disabled
        }

        /// Resolves each setting from its environment variable, else the profile's setting, else the default:
        /// `AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_SERVICE_ENDPOINT` / `ec2_metadata_service_endpoint`,
        /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` / `ec2_metadata_service_endpoint_mode` (IPv4 or IPv6),
        /// `AWS_IMDS_USE_IPV6` / `imds_use_ipv6`, `AWS_METADATA_SERVICE_TIMEOUT` / `metadata_service_timeout`,
        /// `AWS_METADATA_SERVICE_NUM_ATTEMPTS` / `metadata_service_num_attempts`,
        /// `AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`.
        /// - Throws: `CredentialProviderError` (`.invalid`) for an unknown endpoint mode, a bad endpoint or number.
        public static func resolve(environment: [String: String], profile: AWSProfile?) throws -> Configuration {
            func setting(_ variable: String, _ key: String) -> String? {
                environment[variable] ?? profile?[key]
            }
            func invalid(_ message: String) -> CredentialProviderError {
                CredentialProviderError(.invalid, provider: "instance metadata", message: message)
            }
            func integer(_ variable: String, _ key: String, default value: Int) throws -> Int {
                guard let text = setting(variable, key) else { return value }
                guard let number = Int(text.trimmingConfigWhitespace()), number > 0 else {
                    throw invalid("\(key) must be a positive integer")
                }
                return number
            }

            var configuration = Configuration()
            configuration.disabled = environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
            configuration.v1Disabled =
                setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")?.lowercased() == "true"
            configuration.timeout = .seconds(
                try integer("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout", default: 1)
            )
            configuration.attempts = try integer(
                "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
                "metadata_service_num_attempts",
                default: 1
            )

            var useIPv6 = setting("AWS_IMDS_USE_IPV6", "imds_use_ipv6")?.lowercased() == "true"
            if let mode = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ec2_metadata_service_endpoint_mode") {
                switch mode.lowercased() {
                case "ipv4": useIPv6 = false
                case "ipv6": useIPv6 = true
                default: throw invalid("ec2_metadata_service_endpoint_mode must be IPv4 or IPv6, not '\(mode)'")
                }
            }
            if let endpoint = setting("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint") {
                guard let components = URLComponents(string: endpoint), components.scheme != nil,
                    let host = components.host, !host.isEmpty
                else {
                    throw invalid("'\(endpoint)' is not a valid metadata service endpoint")
                }
                configuration.endpoint = endpoint
            } else {
                configuration.endpoint = useIPv6 ? ipv6Endpoint : ipv4Endpoint
            }
            return configuration
        }
    }

    static let tokenPath = "latest/api/token"
    static let credentialsPath = "latest/meta-data/iam/security-credentials/"
    /// The token lifetime botocore asks for: 6 hours.
    static let tokenTTL = "21600"

    public let configuration: Configuration
    public let httpClient: HTTPClient

    public init(configuration: Configuration, httpClient: HTTPClient) {
        self.configuration = configuration
        self.httpClient = httpClient
    }

    private static let provider = "instance metadata"

    private struct Unavailable: Error {
        var reason: String
    }

    public func credentials(logger: Logger) async throws -> AWSCredentials {
        guard !configuration.disabled else {
            throw CredentialProviderError(
                .notFound,
                provider: Self.provider,
                message: "AWS_EC2_METADATA_DISABLED is true"
            )
        }
        do {
            let token = try await fetchToken(logger: logger)
            if token == nil, configuration.v1Disabled {
                throw CredentialProviderError(
                    .invalid,
                    provider: Self.provider,
                    message: "unable to retrieve an IMDSv2 token and IMDSv1 is disabled"
                )
            }
            let roleList = try await get(Self.credentialsPath, token: token, logger: logger) { _ in true }
            let role = roleList.split(whereSeparator: \.isNewline).first.map { $0.trimmingConfigWhitespace() } ?? ""
            let body = try await get(Self.credentialsPath + role, token: token, logger: logger) {
                CredentialDocument.object($0) != nil
            }
            guard let object = CredentialDocument.object(body),
                ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"].allSatisfy({ object[$0] is String })
            else {
                throw Unavailable(reason: "the credentials of role \(role) lack required fields")
            }
            let credentials = try CredentialDocument.credentials(from: object, provider: Self.provider)
            logger.debug("found credentials of instance role \(role)")
            return credentials
        } catch let unavailable as Unavailable {
            throw CredentialProviderError(.notFound, provider: Self.provider, message: unavailable.reason)
        }
    }

    /// The IMDSv2 token, or `nil` to fall back to IMDSv1.
    private func fetchToken(logger: Logger) async throws -> String? {
        for _ in 0..<configuration.attempts {
            do {
                let response = try await httpClient.metadataRequest(
                    .put,
                    url: url(Self.tokenPath),
                    headers: [("x-aws-ec2-metadata-token-ttl-seconds", Self.tokenTTL)],
                    timeout: configuration.timeout,
                    logger: logger
                )
                switch response.status {
                case 200: return response.body
                case 403, 404, 405: return nil
                case 400: throw Unavailable(reason: "the token request was rejected with HTTP 400")
                default: logger.debug("IMDS token request answered HTTP \(response.status)")
                }
            } catch let error as Unavailable {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.debug("IMDS token request failed: \(error)")
            }
        }
        return nil
    }

    /// A `GET` retried while the answer is not a non-empty 200 that `accepts` approves.
    private func get(
        _ path: String,
        token: String?,
        logger: Logger,
        accepts: (String) -> Bool
    ) async throws -> String {
        let headers = token.map { [("x-aws-ec2-metadata-token", $0)] } ?? []
        var lastFailure = ""
        for _ in 0..<configuration.attempts {
            do {
                let response = try await httpClient.metadataRequest(
                    .get,
                    url: url(path),
                    headers: headers,
                    timeout: configuration.timeout,
                    logger: logger
                )
                if response.status == 200, !response.body.isEmpty, accepts(response.body) {
                    return response.body
                }
                lastFailure = response.status == 200 ? "an unusable response" : "HTTP \(response.status)"
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastFailure = "\(error)"
            }
            logger.debug("IMDS request for /\(path) failed: \(lastFailure)")
        }
        throw Unavailable(reason: "no answer from \(configuration.endpoint) (\(lastFailure))")
    }

    private func url(_ path: String) -> String {
        configuration.endpoint.hasSuffix("/") ? configuration.endpoint + path : configuration.endpoint + "/" + path
    }
}
