import Foundation

/// Resolves service endpoints the way the AWS SDKs do: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`,
/// then the partition's standard endpoint (global services on their global endpoint).
public struct EndpointResolver: Sendable {
    /// An endpoint override that is not a usable URL.
    public struct InvalidEndpoint: Error, Sendable, CustomStringConvertible {
        public var variable: String
        public var value: String
        public var description: String { "\(variable): '\(value)' is not an http(s) URL with a host" }
    }

    private struct Override: Sendable {
        var base: String
        var host: String
    }

    private let serviceOverrides: [String: Override]
    private let globalOverride: Override?

    /// Reads the overrides from `environment`; `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` disables them.
    public init(environment: [String: String]) throws {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true" {
            serviceOverrides = [:]
            globalOverride = nil
            return
        }
        var overrides: [String: Override] = [:]
        for (key, value) in environment where key.hasPrefix("AWS_ENDPOINT_URL_") && !value.isEmpty {
            overrides[String(key.dropFirst("AWS_ENDPOINT_URL_".count))] = try Self.parse(value, variable: key)
        }
        serviceOverrides = overrides
        if let value = environment["AWS_ENDPOINT_URL"], !value.isEmpty {
            globalOverride = try Self.parse(value, variable: "AWS_ENDPOINT_URL")
        } else {
            globalOverride = nil
        }
    }

    /// The endpoint for `service` in `region`.
    public func endpoint(for service: AWSServiceDescription, region: String) -> AWSEndpoint {
        let partition = AWSPartition(region: region)
        let signingRegion = service.isGlobal ? partition.globalSigningRegion : region
        if let override = serviceOverrides[service.endpointEnvironmentId] ?? globalOverride {
            return AWSEndpoint(baseURL: override.base, signingRegion: signingRegion, host: override.host)
        }
        let host = Self.standardHost(for: service, region: region, partition: partition)
        return AWSEndpoint(baseURL: "https://\(host)", signingRegion: signingRegion, host: host)
    }

    static func standardHost(for service: AWSServiceDescription, region: String, partition: AWSPartition) -> String {
        switch (service.signingName, partition) {
        case ("iam", .aws): "iam.amazonaws.com"
        case ("iam", .awsUSGov): "iam.us-gov.amazonaws.com"
        case ("iam", .awsCN): "iam.cn-north-1.amazonaws.com.cn"
        case ("organizations", .aws): "organizations.us-east-1.amazonaws.com"
        case ("organizations", .awsUSGov): "organizations.us-gov-west-1.amazonaws.com"
        case ("organizations", .awsCN): "organizations.cn-northwest-1.amazonaws.com.cn"
        default: "\(service.signingName).\(region).\(partition.dnsSuffix)"
        }
    }

    private static func parse(_ value: String, variable: String) throws -> Override {
        guard let components = URLComponents(string: value),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let hostName = components.host, !hostName.isEmpty
        else {
            throw InvalidEndpoint(variable: variable, value: value)
        }
        let isDefaultPort = components.port == nil
            || (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443)
        let host = isDefaultPort ? hostName : "\(hostName):\(components.port!)"
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        return Override(base: "\(scheme)://\(host)\(path)", host: host)
    }
}
