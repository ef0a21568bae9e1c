/// A Cloud One region (`us-1`, `de-1`, `jp-1`, `trend-us-1`), the label of `workload.<region>.cloudone.trendmicro.com`:
/// lowercase letters in dash-separated words, then a number, so that it can only ever be one label of a host name.
public struct CloudOneRegion: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// `nil` when `rawValue` is not a Cloud One region name.
    public init?(rawValue: String) {
        let parts = rawValue.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last, !last.isEmpty,
            last.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            parts.dropLast().allSatisfy({ word in
                !word.isEmpty && word.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
            })
        else { return nil }
        self.rawValue = rawValue
    }

    /// The Workload Security API's host in this region.
    public var host: String { "workload.\(rawValue).cloudone.trendmicro.com" }

    public var description: String { rawValue }
}
