import AWSSigV4

/// One REST operation's HTTP request, relative to the service's endpoint.
public struct AWSRESTRequest: Sendable {
    public var method: String
    /// Prepended to the endpoint's host (S3's virtual-hosted `bucket.`); nil keeps the endpoint's host.
    public var hostPrefix: String?
    /// The path below the endpoint's, percent-encoded, starting with `/`.
    public var path: String
    /// Query parameters in order, not encoded; a nil value is a name alone (`?location`).
    public var query: [(name: String, value: String?)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        method: String, hostPrefix: String? = nil, path: String, query: [(name: String, value: String?)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.hostPrefix = hostPrefix
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The query string as sent, each name and value encoded the SigV4 way.
    var queryString: String {
        query.map { item in
            let name = SigV4PercentEncoding.encode(item.name)
            return item.value.map { "\(name)=\(SigV4PercentEncoding.encode($0))" } ?? name
        }.joined(separator: "&")
    }

    /// `segments` percent-encoded the SigV4 way and joined with `/`, as a path: S3 keys keep their slashes, empty
    /// segments included (`a//b` stays `a//b`).
    public static func path(_ segments: [String]) -> String {
        "/" + segments.map { SigV4PercentEncoding.encode($0, encodeSlash: false) }.joined(separator: "/")
    }
}
