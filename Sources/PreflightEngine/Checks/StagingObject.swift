import AWSCore
import Foundation

/// An S3 object the deployment is built from, and the region it is read in: a nested template, read by
/// CloudFormation from its `TemplateURL`, or the Lambda's code, which Lambda only reads from its own region.
struct StagingObject: Sendable, Equatable {
    var bucket: String
    var key: String
    /// The region the object is asked for in: the URL's for a template, the stack's for the Lambda's code.
    var region: Region

    /// `s3://bucket/key`, the subject of its result.
    var location: String { "s3://\(bucket)/\(key)" }

    /// The object's ARN in `partition`.
    func arn(partition: String) -> String { "arn:\(partition):s3:::\(bucket)/\(key)" }

    /// The object of an S3 URL as CloudFormation reads a `TemplateURL`: virtual-hosted
    /// (`https://bucket.s3.region.suffix/key`, `bucket.s3-region.suffix`, `bucket.s3.suffix` for us-east-1) or
    /// path-style (`https://s3.region.suffix/bucket/key`). The key is the path as it is, `//` included.
    static func parse(url text: String, dnsSuffix: String) -> StagingObject? {
        guard let components = URLComponents(string: text), components.scheme?.lowercased() == "https",
            let host = components.host?.lowercased(), host.hasSuffix("." + dnsSuffix)
        else { return nil }
        let path = components.percentEncodedPath
        guard path.hasPrefix("/"), let decoded = String(path.dropFirst()).removingPercentEncoding else { return nil }
        let labels = host.dropLast(dnsSuffix.count + 1).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func region(_ label: String?) -> Region? { label.map { Region(rawValue: $0) } ?? Region(rawValue: "us-east-1") }
        if labels.first == "s3" || labels.first?.hasPrefix("s3-") == true {
            guard let slash = decoded.firstIndex(of: "/") else { return nil }
            let bucket = String(decoded[..<slash])
            let key = String(decoded[decoded.index(after: slash)...])
            let name = labels.first == "s3" ? (labels.count > 1 ? labels[1] : nil) : String(labels[0].dropFirst(3))
            guard !bucket.isEmpty, !key.isEmpty, labels.count <= 2, let region = region(name) else { return nil }
            return StagingObject(bucket: bucket, key: key, region: region)
        }
        guard let index = labels.firstIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") }), index > 0 else { return nil }
        let bucket = labels[..<index].joined(separator: ".")
        let name = labels[index] == "s3" ? (index + 1 < labels.count ? labels[index + 1] : nil) : String(labels[index].dropFirst(3))
        guard labels.count <= index + 2, !decoded.isEmpty, let region = region(name) else { return nil }
        return StagingObject(bucket: bucket, key: decoded, region: region)
    }
}
