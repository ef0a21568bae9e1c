import Foundation

/// Resolves service endpoints the way the AWS SDKs do. Unless endpoint URLs are ignored
/// (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, else the profile's `ignore_configured_endpoint_urls`), the first of
/// `AWS_ENDPOINT_URL_<SERVICE>`, the `endpoint_url` of the service in the profile's `[services NAME]` section,
/// `AWS_ENDPOINT_URL` and the profile's `endpoint_url` wins; otherwise the partition's standard endpoint (global
/// services on their global endpoint), FIPS and dual-stack by `AWS_USE_FIPS_ENDPOINT` and
/// `AWS_USE_DUALSTACK_ENDPOINT` (else the profile's `use_fips_endpoint` and `use_dualstack_endpoint`).
///
/// URLs are built from their parts, never by pasting strings, and only for regions that are region names, so that
/// no region can turn a request to AWS into a request to another host.
public struct EndpointResolver: Sendable {
    /// An override's parts.
    private struct Override: Sendable {
        var scheme: String
        var host: String
        var port: Int?
        /// Percent-encoded, without a trailing slash.
        var path: String

        /// The base URL's parts: the override's, with a trailing slash.
        var components: URLComponents {
            var components = URLComponents()
            components.scheme = scheme
            components.host = host
            components.port = port
            components.percentEncodedPath = path + "/"
            return components
        }
    }

    /// The FIPS and dual-stack choice for standard endpoints.
    public let variant: EndpointVariant
    private let serviceOverrides: [String: Override]
    private let globalOverride: Override?

    /// Reads the settings from `environment` and, when given, `profile` and the sub-sections of its
    /// `[services NAME]` section (keyed by service, e.g. `secrets_manager`).
    /// - Throws: `EndpointError` (`.invalidSetting`) naming the variable or setting that is unusable.
    public init(
        environment: [String: String], profile: AWSProfile? = nil, services: [String: [String: String]] = [:]
    ) throws {
        let profileName = profile.map { "profile \($0.name)" } ?? ""
        func flag(_ variable: String, _ setting: String) throws -> Bool {
            if let value = environment[variable], !value.isEmpty { return try Self.boolean(value, name: variable) }
            if let value = profile?[setting], !value.isEmpty {
                return try Self.boolean(value, name: "\(setting) of \(profileName)")
            }
            return false
        }
        variant = EndpointVariant(
            fips: try flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint"),
            dualStack: try flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint"))
        if try flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls") {
            serviceOverrides = [:]
            globalOverride = nil
            return
        }
        var overrides: [String: Override] = [:]
        for (service, settings) in services {
            if let value = settings["endpoint_url"], !value.isEmpty {
                overrides[service.uppercased()] = try Self.parse(value, name: "endpoint_url of \(service) in services")
            }
        }
        for (key, value) in environment where key.hasPrefix("AWS_ENDPOINT_URL_") && !value.isEmpty {
            overrides[String(key.dropFirst("AWS_ENDPOINT_URL_".count))] = try Self.parse(value, name: key)
        }
        serviceOverrides = overrides
        if let value = environment["AWS_ENDPOINT_URL"], !value.isEmpty {
            globalOverride = try Self.parse(value, name: "AWS_ENDPOINT_URL")
        } else if let value = profile?["endpoint_url"], !value.isEmpty {
            globalOverride = try Self.parse(value, name: "endpoint_url of \(profileName)")
        } else {
            globalOverride = nil
        }
    }

    /// The resolver of the CLI: `environment` and the selected profile of the shared config files.
    /// - Throws: `CredentialProviderError` when the files are malformed or a named profile does not exist;
    ///   `EndpointError` when a setting is unusable.
    public static func load(environment: [String: String], profile explicit: String?) throws -> EndpointResolver {
        let files = try AWSConfigFiles.load(environment: environment)
        let selected = AWSConfigFiles.selectedProfileName(explicit: explicit, environment: environment)
        let profile = try selected.map(files.requireProfile(named:)) ?? files.profile(named: "default")
        let services = profile?["services"].flatMap { files.servicesSections[$0] } ?? [:]
        return try EndpointResolver(environment: environment, profile: profile, services: services)
    }

    /// The endpoint for `service` in `region`.
    /// - Throws: `EndpointError`: `.invalidRegion` when `region` is not a region name (even with an override, as
    ///   the region is signed), `.unsupportedVariant` when the service has no endpoint of `variant` there.
    public func endpoint(for service: AWSServiceDescription, region name: String) throws -> AWSEndpoint {
        guard let region = Region(rawValue: name) else {
            throw EndpointError(
                .invalidRegion, message: "region \(String(reflecting: String(name.prefix(64)))) is not a region name")
        }
        let signingRegion = service.isGlobal ? region.partition.globalSigningRegion : region.rawValue
        var components = URLComponents()
        let hostHeader: String
        let configured = override(for: service.endpointEnvironmentId)
        if let override = configured {
            components = override.components
            hostHeader = override.port.map { "\(override.host):\($0)" } ?? override.host
        } else {
            guard let host = StandardEndpoints.host(service: service, region: region, variant: variant) else {
                throw EndpointError(
                    .unsupportedVariant,
                    message: "\(service.signingName) has no \(variant.name) endpoint in \(region.rawValue)")
            }
            components.scheme = "https"
            components.host = host
            components.path = "/"
            hostHeader = host
        }
        guard let url = components.url else {
            throw EndpointError(.invalidSetting, message: "no URL can be built for \(service.signingName) in \(region)")
        }
        return AWSEndpoint(url: url, signingRegion: signingRegion, host: hostHeader, isConfigured: configured != nil)
    }

    /// The base URL of a service that is not signed (IAM Identity Center's portal and OIDC): the override of
    /// `environmentId` (`AWS_ENDPOINT_URL_SSO`, the services section's `sso`) or the global one, else
    /// `https://standardHost/`.
    public func url(environmentId: String, standardHost: String) throws -> URL {
        var components = URLComponents()
        if let override = override(for: environmentId) {
            components = override.components
        } else {
            components.scheme = "https"
            components.host = standardHost
            components.path = "/"
        }
        guard let url = components.url else {
            throw EndpointError(.invalidSetting, message: "no URL can be built for \(environmentId.lowercased())")
        }
        return url
    }

    /// The override of the service with id `environmentId`, else the one of every service.
    private func override(for environmentId: String) -> Override? {
        serviceOverrides[environmentId] ?? globalOverride
    }

    private static func boolean(_ value: String, name: String) throws -> Bool {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return true
        case "false": return false
        default: throw EndpointError(.invalidSetting, message: "\(name) must be true or false")
        }
    }

    /// An override URL's parts: http(s), a host, an optional port and path, and nothing else (no user, password,
    /// query or fragment). The value is never quoted back, as a URL may carry a password.
    private static func parse(_ value: String, name: String) throws -> Override {
        let invalid = EndpointError(
            .invalidSetting,
            message: "\(name) is not an http(s) URL with a host (and no user, password, query or fragment)")
        guard let components = URLComponents(string: value.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil, components.query == nil, components.fragment == nil
        else { throw invalid }
        let port = components.port
        if let port, !(1...65535).contains(port) { throw invalid }
        let isDefaultPort = port == nil || (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        return Override(scheme: scheme, host: host.lowercased(), port: isDefaultPort ? nil : port, path: path)
    }
}
