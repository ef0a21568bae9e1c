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
        guard let override = environment[Self.overrideVariable], !override.isEmpty else {
            baseURL = "https://\(region.host)"
            return
        }
        guard let components = URLComponents(string: override),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil
        else {
            throw CloudOneEndpointError(value: override)
        }
        var base = override
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
    }

    /// The URL of `operation`.
    public func url(for operation: CloudOneOperation) -> String { baseURL + operation.path }
}

