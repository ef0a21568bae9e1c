/// Stage 1 of SigV4: the canonical request and the list of signed headers.
struct CanonicalRequest: Sendable, Equatable {
    /// The UTF-8 canonical request that is hashed into the string to sign.
    let bytes: [UInt8]
    /// The `;`-joined lowercase names of the signed headers.
    let signedHeaders: String

    /// The canonical request as text.
    var text: String {
        String(decoding: bytes, as: UTF8.self)
    }

    init(request: SigV4Request, payloadHash: String, options: SigV4Options) {
        let uri = Self.uri(path: request.path, normalize: options.normalizePath, encode: options.encodePath)
        let query = Self.query(request.query)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(
            request.headers.reduce(request.method.utf8.count + uri.utf8.count + query.utf8.count + 160) {
                $0 + $1.name.utf8.count + $1.value.utf8.count + 3
            }
        )
        bytes.append(contentsOf: request.method.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: uri.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: query.utf8)
        bytes.append(UInt8(ascii: "\n"))
        let signedHeaders = Self.appendHeaders(
            request.headers,
            omitSessionToken: options.omitSessionTokenFromSignature,
            to: &bytes
        )
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: signedHeaders.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: payloadHash.utf8)
        self.bytes = bytes
        self.signedHeaders = signedHeaders
    }
}
