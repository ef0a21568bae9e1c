import AsyncHTTPClient
import Foundation
import Logging

/// The shared-config part of the AWS CLI's credential chain, in botocore's order for the selected profile:
/// 1. `role_arn` with `source_profile` (chained, with cycle detection) or `credential_source` → `sts:AssumeRole`;
/// 2. web identity: `AWS_WEB_IDENTITY_TOKEN_FILE` / `AWS_ROLE_ARN` / `AWS_ROLE_SESSION_NAME` (ignored when a
///    profile is given explicitly), else the profile's `web_identity_token_file` / `role_arn` /
///    `role_session_name` → `sts:AssumeRoleWithWebIdentity`;
/// 3. IAM Identity Center: `sso_session` or `sso_start_url` (`SSOCredentialProvider`);
/// 4. static keys of the profile in the credentials file;
/// 5. `credential_process`;
/// 6. static keys of the profile in the config file.
///
/// The files are read on every call (wrap the chain in `RefreshingCredentialProvider` to cache).
public struct ProfileCredentialProvider: CredentialProvider {
    /// The `credential_source` values botocore accepts.
    public static let credentialSourceNames = ["Environment", "Ec2InstanceMetadata", "EcsContainer"]

    /// The `--profile` option; `nil` falls back to `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, then `default`.
    public let explicitProfile: String?
    public let environment: [String: String]
    /// The `--region` option, used for STS calls before `AWS_REGION`, `AWS_DEFAULT_REGION` and the profile's
    /// `region`; STS falls back to `us-east-1`.
    public let region: String?
    public let fetcher: any RoleCredentialFetcher
    /// Providers for `credential_source`, keyed by the names in `credentialSourceNames`.
    public let credentialSources: [String: any CredentialProvider]
    /// How long `credential_process` may run; `nil` reads `PREFLIGHT_CREDENTIAL_PROCESS_TIMEOUT` from
    /// `environment`, else `CredentialProcessTimeout.standard`.
    public let credentialProcessTimeout: Duration?
    /// The client of IAM Identity Center's requests; without one, an SSO profile is an error.
    public let httpClient: HTTPClient?

    public init(
        profile: String?,
        environment: [String: String],
        region: String? = nil,
        fetcher: any RoleCredentialFetcher,
        credentialSources: [String: any CredentialProvider] = [:],
        credentialProcessTimeout: Duration? = nil,
        httpClient: HTTPClient? = nil
    ) {
        self.credentialProcessTimeout = credentialProcessTimeout
        self.httpClient = httpClient
        self.explicitProfile = profile
        self.environment = environment
        self.region = region
        self.fetcher = fetcher
        self.credentialSources = credentialSources
    }

    /// - Throws: `.notFound` when the implicit `default` profile offers nothing; `.invalid` when a named profile
    ///   does not exist, a file is malformed, or the profile's source fails.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let files = try AWSConfigFiles.load(environment: environment)
        let selected = AWSConfigFiles.selectedProfileName(explicit: explicitProfile, environment: environment)
        let name = selected ?? "default"
        if selected != nil {
            _ = try files.requireProfile(named: name)
        }
        let stsRegion =
            [region, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], files.region(profile: name)]
            .lazy.compactMap { $0 }.first { !$0.isEmpty } ?? "us-east-1"
        var resolution = Resolution(provider: self, files: files, stsRegion: stsRegion, visited: [name], logger: logger)

        if let profile = files.profile(named: name), profile.assumesRole {
            return try await resolution.assumeRole(profile: name)
        }
        if let credentials = try await resolution.profileCredentials(name, useEnvironment: explicitProfile == nil) {
            return credentials
        }
        let searched = [files.credentialsPath, files.configPath].compactMap { $0 }
            .map { AWSConfigFiles.abbreviatingHome($0, environment: environment) }.joined(separator: ", ")
        throw CredentialProviderError(
            .notFound,
            provider: "profile \"\(name)\"" + (searched.isEmpty ? "" : " (\(searched))"),
            message: "no credentials configured"
        )
    }
}

/// One resolution of the profile chain; `visited` tracks the `source_profile` hops like botocore.
private struct Resolution {
    let provider: ProfileCredentialProvider
    let files: AWSConfigFiles
    let stsRegion: String
    var visited: [String]
    let logger: Logger

    private var environment: [String: String] { provider.environment }

    mutating func assumeRole(profile name: String) async throws -> AWSCredentials {
        let profile = try files.requireProfile(named: name)
        let roleArn = profile["role_arn"] ?? ""
        let label = "profile \(name)"
        func invalid(_ message: String) -> CredentialProviderError {
            CredentialProviderError(.invalid, provider: label, message: message)
        }

        let sourceProfile = profile["source_profile"]
        let credentialSource = profile["credential_source"]
        if sourceProfile != nil, credentialSource != nil {
            throw invalid("contains both source_profile and credential_source")
        }
        if let sourceProfile {
            try validate(sourceProfile: sourceProfile, parent: name)
        } else if credentialSource == nil {
            throw invalid("role_arn needs source_profile or credential_source")
        }
        if profile["mfa_serial"] != nil {
            throw invalid("the role needs an MFA code (mfa_serial), which cannot be prompted for")
        }

        let sourceCredentials: AWSCredentials
        if let sourceProfile {
            visited.append(sourceProfile)
            sourceCredentials = try await credentials(fromSourceProfile: sourceProfile)
        } else {
            sourceCredentials = try await credentials(fromSource: credentialSource ?? "", profile: name)
        }

        let sessionName = nonEmpty(profile["role_session_name"]) ?? Self.defaultSessionName()
        let duration = profile["duration_seconds"].flatMap { Int($0.trimmingConfigWhitespace()) }
        logger.debug("assuming role \(roleArn) for \(label)")
        do {
            return try await provider.fetcher.assumeRole(
                roleArn: roleArn,
                sessionName: sessionName,
                externalId: profile["external_id"],
                durationSeconds: duration,
                region: stsRegion,
                source: StaticCredentialProvider(sourceCredentials),
                logger: logger
            )
        } catch {
            throw Self.wrap(error, provider: label, action: "AssumeRole for \(roleArn)")
        }
    }

    /// botocore's profile providers for `name`: web identity, credentials file, `credential_process`, config file.
    mutating func profileCredentials(_ name: String, useEnvironment: Bool) async throws -> AWSCredentials? {
        let profile = files.profile(named: name)
        if let credentials = try await webIdentity(profile: profile, name: name, useEnvironment: useEnvironment) {
            return credentials
        }
        if let profile, SSOConfiguration.applies(to: profile) {
            return try await identityCenter(profile)
        }
        if let fileProfile = files.credentialsProfiles[name],
            let credentials = try staticCredentials(fileProfile, file: files.credentialsPath)
        {
            return credentials
        }
        if let commandLine = profile?["credential_process"] {
            logger.debug("running credential_process of profile \(name)")
            let timeout = try provider.credentialProcessTimeout ?? CredentialProcessTimeout.resolve(environment: environment)
            return try await CredentialProcess(
                commandLine: commandLine, profile: name, environment: environment, timeout: timeout
            ).credentials()
        }
        if let fileProfile = files.configProfiles[name],
            let credentials = try staticCredentials(fileProfile, file: files.configPath)
        {
            return credentials
        }
        return nil
    }

    private func validate(sourceProfile sourceName: String, parent: String) throws {
        guard let source = files.profile(named: sourceName) else {
            throw CredentialProviderError(
                .invalid,
                provider: "profile \(parent)",
                message: "source_profile \(sourceName) does not exist"
            )
        }
        guard visited.contains(sourceName) else { return }
        // A profile may name itself as its source to combine static keys and role settings.
        if sourceName != parent || !source.hasStaticCredentials {
            let path = (visited + [sourceName]).joined(separator: " -> ")
            throw CredentialProviderError(
                .invalid,
                provider: "profile \(parent)",
                message: "infinite loop in source_profile chain: \(path)"
            )
        }
    }

    private mutating func credentials(fromSourceProfile name: String) async throws -> AWSCredentials {
        let profile = try files.requireProfile(named: name)
        if profile.hasStaticCredentials || !profile.assumesRole {
            guard let credentials = try await profileCredentials(name, useEnvironment: false) else {
                throw CredentialProviderError(
                    .invalid,
                    provider: "profile \(name)",
                    message: "source profile \(name) has no credentials"
                )
            }
            return credentials
        }
        return try await assumeRole(profile: name)
    }

    private func credentials(fromSource source: String, profile: String) async throws -> AWSCredentials {
        let label = "profile \(profile)"
        guard ProfileCredentialProvider.credentialSourceNames.contains(source) else {
            let valid = ProfileCredentialProvider.credentialSourceNames.joined(separator: ", ")
            throw CredentialProviderError(
                .invalid,
                provider: label,
                message: "credential_source \(source) is not valid (valid: \(valid))"
            )
        }
        guard let sourceProvider = provider.credentialSources[source] else {
            throw CredentialProviderError(
                .invalid,
                provider: label,
                message: "no provider is configured for credential_source \(source)"
            )
        }
        do {
            return try await sourceProvider.credentials(logger: logger)
        } catch let error as CredentialProviderError where error.kind == .notFound {
            throw CredentialProviderError(
                .invalid,
                provider: label,
                message: "no credentials found in credential_source \(source) (\(error.message))"
            )
        }
    }

    private func webIdentity(profile: AWSProfile?, name: String, useEnvironment: Bool) async throws -> AWSCredentials? {
        var fromEnvironment = false
        func setting(_ key: String, _ variable: String) -> String? {
            if useEnvironment, let value = environment[variable] {
                fromEnvironment = true
                return value
            }
            return profile?[key]
        }
        guard let tokenFile = nonEmpty(setting("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE")) else {
            return nil
        }
        let label = fromEnvironment ? "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)" : "profile \(name)"
        guard let roleArn = nonEmpty(setting("role_arn", "AWS_ROLE_ARN")) else {
            throw CredentialProviderError(
                .invalid,
                provider: label,
                message: "web identity is configured but no role ARN is (set role_arn or AWS_ROLE_ARN)"
            )
        }
        let sessionName = nonEmpty(setting("role_session_name", "AWS_ROLE_SESSION_NAME")) ?? Self.defaultSessionName()
        guard let data = FileManager.default.contents(atPath: tokenFile),
            let token = String(data: data, encoding: .utf8)
        else {
            throw CredentialProviderError(
                .invalid,
                provider: label,
                message: "cannot read web identity token file \(tokenFile)"
            )
        }
        logger.debug("assuming role \(roleArn) with web identity for \(label)")
        do {
            return try await provider.fetcher.assumeRoleWithWebIdentity(
                roleArn: roleArn,
                sessionName: sessionName,
                webIdentityToken: token,
                region: stsRegion,
                logger: logger
            )
        } catch {
            throw Self.wrap(error, provider: label, action: "AssumeRoleWithWebIdentity for \(roleArn)")
        }
    }

    /// Role credentials of an IAM Identity Center profile.
    private func identityCenter(_ profile: AWSProfile) async throws -> AWSCredentials {
        let configuration = try SSOConfiguration(profile: profile, files: files)
        func invalid(_ message: String) -> CredentialProviderError {
            CredentialProviderError(.invalid, provider: "profile \(profile.name)", message: message)
        }
        guard let httpClient = provider.httpClient else {
            throw invalid("IAM Identity Center profiles need an HTTP client, and none was given")
        }
        guard let cache = SSOTokenCache(environment: environment) else {
            throw invalid("IAM Identity Center needs the token cache under HOME, and HOME is not set")
        }
        let endpoints: EndpointResolver
        do {
            let services = profile["services"].flatMap { files.servicesSections[$0] } ?? [:]
            endpoints = try EndpointResolver(environment: environment, profile: profile, services: services)
        } catch {
            throw invalid("\(error)")
        }
        logger.debug("getting IAM Identity Center role credentials for profile \(profile.name)")
        return try await SSOCredentialProvider(
            configuration: configuration, cache: cache, endpoints: endpoints, httpClient: httpClient
        ).credentials(logger: logger)
    }

    /// Static keys of one file's profile: `nil` without `aws_access_key_id`, `.invalid` without the secret.
    private func staticCredentials(_ profile: AWSProfile, file: String?) throws -> AWSCredentials? {
        guard let accessKeyId = profile["aws_access_key_id"] else { return nil }
        let label = "profile \(profile.name) in \(file ?? "shared config")"
        guard let secretAccessKey = profile["aws_secret_access_key"] else {
            throw CredentialProviderError(
                .invalid,
                provider: label,
                message: "aws_access_key_id is set but aws_secret_access_key is not"
            )
        }
        logger.debug("found static credentials for \(label)")
        return AWSCredentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: profile["aws_security_token"] ?? profile["aws_session_token"]
        )
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// botocore's default `RoleSessionName`.
    private static func defaultSessionName() -> String {
        "botocore-session-\(Int(Date().timeIntervalSince1970))"
    }

    /// Keeps credential and cancellation errors; turns others (STS failures) into `.invalid` with context.
    private static func wrap(_ error: any Error, provider: String, action: String) -> any Error {
        if error is CredentialProviderError || error is CancellationError { return error }
        return CredentialProviderError(.invalid, provider: provider, message: "\(action) failed: \(error)")
    }
}
