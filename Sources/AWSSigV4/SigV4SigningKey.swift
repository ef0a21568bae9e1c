import Crypto

/// The key that signs a day's requests for one region and service; derive it once and reuse it.
public struct SigV4SigningKey: Sendable, Equatable {
    /// The raw key bytes.
    public let bytes: [UInt8]

    /// Derives `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, dateStamp), region), service), "aws4_request")`.
    /// - Parameter dateStamp: The UTC date as `yyyyMMdd`.
    public init(secretAccessKey: String, dateStamp: String, region: String, service: String) {
        var key = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
        for part in [dateStamp, region, service, "aws4_request"] {
            key = SymmetricKey(data: Self.hmac(part, key: key))
        }
        bytes = key.withUnsafeBytes { Array($0) }
    }

    /// An HMAC-SHA256 already keyed with this key; copy it for each message instead of keying again.
    var authenticator: HMAC<SHA256> {
        HMAC(key: SymmetricKey(data: bytes))
    }

    private static func hmac(_ message: String, key: SymmetricKey) -> HashedAuthenticationCode<SHA256> {
        var message = message
        return message.withUTF8 { HMAC<SHA256>.authenticationCode(for: UnsafeRawBufferPointer($0), using: key) }
    }
}

extension SigV4SigningKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Never prints the key.
    public var description: String { "SigV4SigningKey(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
