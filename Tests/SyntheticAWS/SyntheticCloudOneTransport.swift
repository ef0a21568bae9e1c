import AWSCore

/// Serves a `SyntheticCloudOne` in memory.
public struct SyntheticCloudOneTransport: HTTPTransport {
    public let cloudOne: SyntheticCloudOne

    public init(cloudOne: SyntheticCloudOne) { self.cloudOne = cloudOne }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        cloudOne.respond(request)
    }
}
