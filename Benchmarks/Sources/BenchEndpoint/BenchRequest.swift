/// One HTTP request as the endpoint reads it: the request line, the headers it looks at, and the body.
struct BenchRequest {
    var method: String
    var uri: String
    /// Whether the connection stays open after the response (HTTP/1.1 unless `Connection: close`, HTTP/1.0 only
    /// with `Connection: keep-alive`).
    var keepAlive: Bool
    var authorization: String?
    /// `X-Amz-Target`, the operation of JSON protocol requests.
    var target: String?
    /// `api-version`, of Cloud One requests.
    var apiVersion: String?
    var body: [UInt8]
}
