import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4 for one set of credentials, region and service.
///
/// Keep one signer per credentials, region and service and reuse it: copies share a cache of the signing key,
/// which changes only with the UTC date.
public struct SigV4Signer: Sendable {
    public let credentials: SigV4Credentials
    public let region: String
    public let service: String
    /// `/<region>/<service>/aws4_request`, the credential scope after the date stamp.
    private let scopeSuffix: String
    private let keyCache = SigningKeyCache()

    static let algorithm = "AWS4-HMAC-SHA256"
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public init(credentials: SigV4Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
        scopeSuffix = "/" + region + "/" + service + "/aws4_request"
    }

    /// Adds `X-Amz-Security-Token` (with a session token), `X-Amz-Date`, `x-amz-content-sha256` (if asked) and
    /// `Authorization` to `request.headers`, replacing any already there.
    public func sign(_ request: inout SigV4Request, date: Date, options: SigV4Options = .init()) {
        _ = signReturningSteps(&request, date: date, options: options)
    }

    /// The signing key for a UTC date stamp (`yyyyMMdd`), from this signer's cache when it has it.
    public func signingKey(dateStamp: String) -> SigV4SigningKey {
        cachedKey(dateStamp: dateStamp).key
    }

    private func cachedKey(dateStamp: String) -> (key: SigV4SigningKey, authenticator: HMAC<SHA256>) {
        keyCache.entry(dateStamp: dateStamp) {
            SigV4SigningKey(
                secretAccessKey: credentials.secretAccessKey,
                dateStamp: dateStamp,
                region: region,
                service: service
            )
        }
    }

    /// `sign`, also returning every intermediate result.
    func signReturningSteps(_ request: inout SigV4Request, date: Date, options: SigV4Options) -> SigningSteps {
        let amzDate = AMZDate(date)
        let payloadHash = Self.payloadHash(request.payload)
        addSigningHeaders(to: &request, timestamp: amzDate.timestamp, payloadHash: payloadHash, options: options)

        let canonicalRequest = CanonicalRequest(request: request, payloadHash: payloadHash, options: options)
        let scope = amzDate.dateStamp + scopeSuffix
        let stringToSign = Self.stringToSign(
            canonicalRequest: canonicalRequest.bytes,
            timestamp: amzDate.timestamp,
            scope: scope
        )
        let signature = Self.signature(
            stringToSign: stringToSign,
            authenticator: cachedKey(dateStamp: amzDate.dateStamp).authenticator
        )
        let authorization = Self.authorization(
            accessKeyId: credentials.accessKeyId,
            scope: scope,
            signedHeaders: canonicalRequest.signedHeaders,
            signature: signature
        )
        request.headers.append(SigV4Header(name: "Authorization", value: authorization))
        return SigningSteps(
            canonicalRequestBytes: canonicalRequest.bytes,
            stringToSign: stringToSign,
            signature: signature,
            authorization: authorization
        )
    }

    /// Removes stale signing headers, then appends the token, date and content-hash headers in that order.
    func addSigningHeaders(
        to request: inout SigV4Request,
        timestamp: String,
        payloadHash: String,
        options: SigV4Options
    ) {
        let token = credentials.sessionToken
        let addHash = options.addContentSHA256Header
        request.headers.removeAll { header in
            Self.nameEquals(header.name, "authorization") || Self.nameEquals(header.name, "x-amz-date")
                || (token != nil && Self.nameEquals(header.name, "x-amz-security-token"))
                || (addHash && Self.nameEquals(header.name, "x-amz-content-sha256"))
        }
        if let token {
            request.headers.append(SigV4Header(name: "X-Amz-Security-Token", value: token))
        }
        request.headers.append(SigV4Header(name: "X-Amz-Date", value: timestamp))
        if addHash {
            request.headers.append(SigV4Header(name: "x-amz-content-sha256", value: payloadHash))
        }
    }

    /// The hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    static func payloadHash(_ payload: SigV4Payload) -> String {
        switch payload {
        case .empty:
            return emptyPayloadHash
        case .bytes(let bytes):
            if bytes.isEmpty {
                return emptyPayloadHash
            }
            return bytes.withUnsafeBytes { sha256Hex($0) }
        case .precomputedHash(let hash):
            return hash
        case .unsigned:
            return unsignedPayload
        }
    }

    /// Stage 2: `AWS4-HMAC-SHA256\n<timestamp>\n<scope>\n<hex SHA-256 of the canonical request>`.
    static func stringToSign(canonicalRequest: [UInt8], timestamp: String, scope: String) -> String {
        let hash = canonicalRequest.withUnsafeBytes { sha256Hex($0) }
        var result = ""
        result.reserveCapacity(algorithm.utf8.count + timestamp.utf8.count + scope.utf8.count + 67)
        result += algorithm
        result += "\n"
        result += timestamp
        result += "\n"
        result += scope
        result += "\n"
        result += hash
        return result
    }

    /// Stage 3: the lowercase hex HMAC-SHA256 of the string to sign under the signing key.
    static func signature(stringToSign: String, authenticator: HMAC<SHA256>) -> String {
        var authenticator = authenticator
        var stringToSign = stringToSign
        stringToSign.withUTF8 { authenticator.update(data: UnsafeRawBufferPointer($0)) }
        return authenticator.finalize().withUnsafeBytes { Hex.encode($0) }
    }

    private static func sha256Hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return hasher.finalize().withUnsafeBytes { Hex.encode($0) }
    }

    /// Stage 4: the `Authorization` header value.
    static func authorization(accessKeyId: String, scope: String, signedHeaders: String, signature: String) -> String {
        var result = ""
        result.reserveCapacity(accessKeyId.utf8.count + scope.utf8.count + signedHeaders.utf8.count + 128)
        result += algorithm
        result += " Credential="
        result += accessKeyId
        result += "/"
        result += scope
        result += ", SignedHeaders="
        result += signedHeaders
        result += ", Signature="
        result += signature
        return result
    }

    /// ASCII case-insensitive comparison with an already lowercase name.
    private static func nameEquals(_ name: String, _ lowercased: String) -> Bool {
        name.utf8.count == lowercased.utf8.count
            && zip(name.utf8, lowercased.utf8).allSatisfy { pair in
                let byte = pair.0 >= UInt8(ascii: "A") && pair.0 <= UInt8(ascii: "Z") ? pair.0 | 0x20 : pair.0
                return byte == pair.1
            }
    }
}

extension SigV4Signer: CustomReflectable {
    /// Shows the credentials (redacted), region and service, never the cached key material.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["credentials": credentials, "region": region, "service": service],
            displayStyle: .struct
        )
    }
}
