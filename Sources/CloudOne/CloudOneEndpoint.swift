import Foundation

/// Where the Workload Security API of a region is: `https://workload.<region>.cloudone.trendmicro.com`, or the base
/// URL of `CLOUDONE_ENDPOINT_URL` (a proxy or a test server), below which the paths stay `/api/…`.
public struct CloudOneEndpoint: Sendable, Equatable {
    /// The environment variable that replaces the regional base URL.
    public static let overrideVariable = "CLOUDONE_ENDPOINT_URL"

    /// The base URL, without a trailing `/`.
    public let baseURL: String

    /// The regional endpoint, or the override when `environment` sets one.
    /// - Throws: `CloudOneEndpointError` when the override is not an http(s) URL with a host.
    public init(region: CloudOneRegion, environment: [String: String]) throws(CloudOneEndpointError) {
        baseURL = try Self.overrideBaseURL(environment: environment) ?? "https://\(region.host)"
    }

    /// The base URL `CLOUDONE_ENDPOINT_URL` sets, without a trailing `/`; nil when it is unset or empty.
    /// - Throws: `CloudOneEndpointError` when it is not an http(s) URL with a host.
    public static func overrideBaseURL(environment: [String: String]) throws(CloudOneEndpointError) -> String? {
        guard let override = environment[overrideVariable], !override.isEmpty else { return nil }
        guard let components = URLComponents(string: override),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil
        else {
            throw CloudOneEndpointError(value: override)
        }
        var base = override
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// The URL of `operation`.
    public func url(for operation: CloudOneOperation) -> String { baseURL + operation.path }
}

