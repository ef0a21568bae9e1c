import AWSCore

/// Serves a `SyntheticCloudOne` in memory.
public struct SyntheticCloudOneTransport: HTTPTransport {
    public let cloudOne: SyntheticCloudOne
    let computers: [SyntheticCloudOne.Computer]

    public init(cloudOne: SyntheticCloudOne) {
        self.cloudOne = cloudOne
        self.computers = cloudOne.computers()
    }

    public func send(_ request: AWSHTTPRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        cloudOne.respond(request, computers: computers)
    }
}
