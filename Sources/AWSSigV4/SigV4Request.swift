/// The parts of an HTTP request that SigV4 signs; `SigV4Signer.sign` adds the signing headers to `headers`.
public struct SigV4Request: Sendable, Equatable {
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The path as sent on the wire, e.g. `/`. It is URI-encoded again for the canonical request unless
    /// `SigV4Options.encodePath` is off.
    public var path: String
    /// The query string as sent on the wire, without the leading `?`; empty for none.
    public var query: String
    /// The headers in sending order; must include `Host`.
    public var headers: [SigV4Header]
    public var payload: SigV4Payload

    public init(
        method: String,
        path: String = "/",
        query: String = "",
        headers: [SigV4Header] = [],
        payload: SigV4Payload = .empty
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payload = payload
    }
}
