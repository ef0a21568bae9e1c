/// An AWS region name (`eu-west-1`, `us-gov-west-1`, `cn-north-1`), checked against AWS's pattern
/// `^[a-z]{2}(-[a-z]+)+-\d+$`, so that it can only ever be one label of an endpoint's host name.
public struct Region: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// `nil` when `rawValue` is not a region name.
    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Whether `name` matches `^[a-z]{2}(-[a-z]+)+-\d+$`.
    public static func isValid(_ name: String) -> Bool {
        let parts = name.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count >= 3, let first = parts.first, let last = parts.last else { return false }
        let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard first.count == 2, first.allSatisfy(isLetter), !last.isEmpty, last.allSatisfy(isDigit) else { return false }
        return parts.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(isLetter) }
    }

    /// The partition the region belongs to.
    public var partition: AWSPartition { AWSPartition(region: rawValue) }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Region: Codable {
    /// Decodes a region name; anything else is `dataCorrupted`, naming the value.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let region = Region(rawValue: name) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "'\(name)' is not a region name"))
        }
        self = region
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
