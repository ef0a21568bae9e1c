/// An AWS request as the synthetic endpoint sees it: service and region from the SigV4 credential scope, the
/// operation from `X-Amz-Target` (JSON) or `Action` (query, EC2), the access key, and the parameters.
public struct SyntheticRequest: Sendable {
    public var service: String
    public var region: String
    public var operation: String
    public var accessKeyId: String
    /// Form parameters (query, EC2); empty for JSON requests.
    public var form: [String: String]
    /// The JSON body (JSON requests).
    public var json: [UInt8]
    /// The percent-encoded path, without the query (REST requests: S3's `/bucket/key`).
    public var path: String

    public init(
        service: String, region: String, operation: String, accessKeyId: String, form: [String: String], json: [UInt8],
        path: String = "/"
    ) {
        self.service = service
        self.region = region
        self.operation = operation
        self.accessKeyId = accessKeyId
        self.form = form
        self.json = json
        self.path = path
    }

    /// Parses a request from its `Authorization` and `X-Amz-Target` headers, body, method and URI (path and query);
    /// `nil` when unsigned or unknown. REST operations are named by method and path: S3's `HEAD /bucket/key`
    /// (`HeadObject`) and `GET /bucket?location` (`GetBucketLocation`), AWS Account Management's
    /// `POST /getRegionOptStatus`.
    public init?(authorization: String?, target: String?, body: [UInt8], method: String = "POST", uri: String = "/") {
        guard let authorization, let start = Self.end(of: "Credential=", in: authorization) else { return nil }
        let credential = authorization.utf8[start...].prefix { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: " ") }
        let scope = credential.split(separator: UInt8(ascii: "/"))
        guard scope.count == 5 else { return nil }
        accessKeyId = String(Substring(scope[0]))
        region = String(Substring(scope[2]))
        service = String(Substring(scope[3]))
        let query = uri.firstIndex(of: "?")
        path = String(uri[..<(query ?? uri.endIndex)])
        if let operation = Self.restOperation(service: service, method: method, path: path, query: query.map { String(uri[uri.index(after: $0)...]) }) {
            self.operation = operation
            form = [:]
            json = body
        } else if let target {
            guard let dot = target.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
            operation = String(target[target.utf8.index(after: dot)...])
            form = [:]
            json = body
        } else {
            form = Self.parseForm(body)
            guard let action = form["Action"] else { return nil }
            operation = action
            json = []
        }
    }

    /// The REST operation of S3 and AWS Account Management requests.
    static func restOperation(service: String, method: String, path: String, query: String?) -> String? {
        switch (service, method) {
        case ("s3", "HEAD"): "HeadObject"
        case ("s3", "GET") where query?.split(separator: "&").contains(where: { $0 == "location" || $0 == "location=" }) == true:
            "GetBucketLocation"
        case ("account", "POST") where path == "/getRegionOptStatus": "GetRegionOptStatus"
        default: nil
        }
    }

    /// The index just after the first occurrence of `needle` in `text`.
    private static func end(of needle: StaticString, in text: String) -> String.Index? {
        let utf8 = text.utf8
        return needle.withUTF8Buffer { pattern in
            var index = utf8.startIndex
            while let candidate = utf8[index...].firstIndex(of: pattern[0]) {
                if utf8[candidate...].starts(with: pattern) { return utf8.index(candidate, offsetBy: pattern.count) }
                index = utf8.index(after: candidate)
            }
            return nil
        }
    }

    /// Decodes `application/x-www-form-urlencoded`.
    static func parseForm(_ body: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            result[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The string value of the first `"key":"value"` in the JSON body (flat inputs only; no escapes in values).
    public func jsonString(_ key: String) -> String? {
        let needle = Array("\"\(key)\":\"".utf8)
        guard let start = Self.find(needle, in: json) else { return nil }
        let valueStart = start + needle.count
        guard let end = json[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let value = String(decoding: json[valueStart..<end], as: UTF8.self)
        // Foundation's encoder writes `/` as `\/`.
        return json[valueStart..<end].contains(UInt8(ascii: "\\")) ? value.replacingOccurrences(of: "\\/", with: "/") : value
    }

    /// The integer value of the first `"key":N` in the JSON body.
    public func jsonInt(_ key: String) -> Int? {
        let needle = Array("\"\(key)\":".utf8)
        guard let start = Self.find(needle, in: json) else { return nil }
        let digits = json[(start + needle.count)...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
