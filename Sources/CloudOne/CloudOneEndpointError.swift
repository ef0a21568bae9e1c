/// `CLOUDONE_ENDPOINT_URL` is not a base URL.
public struct CloudOneEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public var value: String

    public var description: String {
        "\(CloudOneEndpoint.overrideVariable): '\(value)' is not an http(s) URL with a host and no query"
    }
}
