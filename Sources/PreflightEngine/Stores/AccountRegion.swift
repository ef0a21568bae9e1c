import AWSCore

/// One account in one region: the scope of a regional inventory and of a per-region result.
public struct AccountRegion: Hashable, Sendable, CustomStringConvertible {
    public var account: AccountID
    public var region: Region

    public init(_ account: AccountID, _ region: Region) {
        self.account = account
        self.region = region
    }

    public var description: String { "\(account)/\(region)" }
}
