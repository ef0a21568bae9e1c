import AWSCore
import AWSXML
import Foundation

/// Amazon S3, for the deployment's staging objects only: whether an object exists, and where a bucket is.
///
/// Buckets are addressed virtual-hosted (`bucket.s3.region.amazonaws.com`) on AWS's endpoints, and in the path
/// when an endpoint URL is configured (`AWS_ENDPOINT_URL_S3`, as emulators expect) or the name cannot be a host
/// label. The region of `context` is the one the bucket is asked in.
public struct S3: Sendable {
    let client: AWSClient
    let context: AWSCallContext

    public init(client: AWSClient, context: AWSCallContext) {
        self.client = client
        self.context = context
    }

    /// What `HeadObject` tells of an object.
    public struct ObjectHead: Sendable, Equatable {
        public var contentLength: Int?
        public var eTag: String?
    }

    /// The root element's text, empty for `<LocationConstraint/>`.
    struct LocationConstraint: Decodable, Sendable {
        var value: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            value = container.decodeNil() ? "" : try container.decode(String.self)
        }
    }

    /// `s3:HeadObject` (IAM action `s3:GetObject`); a missing object is AWS's `NotFound` (404).
    public func headObject(bucket: String, key: String) async throws -> ObjectHead {
        try await client.rest(.headObject, service: .s3, context: context) { endpoint in
            Self.address(bucket: bucket, key: key, method: "HEAD", endpoint: endpoint)
        } decode: { response in
            ObjectHead(contentLength: response.header("Content-Length").flatMap(Int.init), eTag: response.header("ETag"))
        }
    }

    /// `s3:GetBucketLocation`: the bucket's region (`us-east-1` when S3 answers an empty constraint, `eu-west-1`
    /// for the legacy `EU`).
    public func bucketRegion(bucket: String) async throws -> String {
        try await client.rest(.getBucketLocation, service: .s3, context: context) { endpoint in
            var request = Self.address(bucket: bucket, key: nil, method: "GET", endpoint: endpoint)
            request.query = [(name: "location", value: nil)]
            return request
        } decode: { response in
            let constraint = try AWSXMLDecoder().decode(LocationConstraint.self, from: response.body, resultPath: [])
            switch constraint.value {
            case "": return "us-east-1"
            case "EU": return "eu-west-1"
            case let region: return region
            }
        }
    }

    /// The request of `key` in `bucket` (the bucket itself without a key) on `endpoint`.
    static func address(bucket: String, key: String?, method: String, endpoint: AWSEndpoint) -> AWSRESTRequest {
        let keyParts = key.map { [$0] } ?? [""]
        if endpoint.isConfigured || !isHostLabel(bucket) {
            return AWSRESTRequest(method: method, path: AWSRESTRequest.path(key.map { [bucket, $0] } ?? [bucket]))
        }
        return AWSRESTRequest(method: method, hostPrefix: bucket + ".", path: AWSRESTRequest.path(keyParts))
    }

    /// Whether `bucket` can be the first label of an HTTPS host name: 3–63 lower-case letters, digits and
    /// hyphens, starting and ending with a letter or digit (a dot would break the certificate's wildcard).
    static func isHostLabel(_ bucket: String) -> Bool {
        let bytes = Array(bucket.utf8)
        func allowed(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last,
            allowed(first), allowed(last)
        else { return false }
        return bytes.allSatisfy { allowed($0) || $0 == UInt8(ascii: "-") }
    }
}
