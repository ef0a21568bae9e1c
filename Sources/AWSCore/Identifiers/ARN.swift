/// An Amazon Resource Name, `arn:partition:service:region:account:resource`, read and written in one place.
public struct ARN: Hashable, Sendable, CustomStringConvertible {
    /// `aws`, `aws-us-gov`, `aws-cn`, …
    public var partition: String
    public var service: String
    /// Empty for global resources (IAM, Organizations).
    public var region: String
    /// Empty for resources that belong to no account (AWS managed policies, S3 buckets).
    public var account: String
    /// Everything after the fifth colon, e.g. `role/path/Name` or `assumed-role/Name/session`.
    public var resource: String

    public init(partition: String, service: String, region: String = "", account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Parses `text`; `nil` when it is not an ARN (fewer than six colon-separated fields, or no partition or service).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        self.init(
            partition: String(parts[1]), service: String(parts[2]), region: String(parts[3]), account: String(parts[4]),
            resource: String(parts[5]))
    }

    /// An IAM role's ARN in `partition`.
    public static func role(partition: String, account: String, name: String) -> ARN {
        ARN(partition: partition, service: "iam", account: account, resource: "role/\(name)")
    }

    /// The resource's type and the rest, split at the first `/` or `:` (`role`, `path/Name`).
    public var resourceType: (type: Substring, rest: Substring) {
        guard let separator = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else {
            return (resource[...], "")
        }
        return (resource[..<separator], resource[resource.index(after: separator)...])
    }

    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }
}
