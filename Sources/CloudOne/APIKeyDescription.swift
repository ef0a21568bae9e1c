import Foundation

/// `GET /api/apikeys/current`: the key Preflight calls with, as the manager describes it (never its secret).
public struct APIKeyDescription: Decodable, Sendable, Equatable {
    public var id: Int
    public var keyName: String?
    public var active: Bool
    /// When the key stops working, in milliseconds since 1970; nil when it never expires.
    public var expiryDate: Int64?
    public var roleID: Int?

    public init(id: Int, keyName: String? = nil, active: Bool, expiryDate: Int64? = nil, roleID: Int? = nil) {
        self.id = id
        self.keyName = keyName
        self.active = active
        self.expiryDate = expiryDate
        self.roleID = roleID
    }

    /// `expiryDate` as a date.
    public var expiry: Date? { expiryDate.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    private enum CodingKeys: String, CodingKey {
        case id = "ID", keyName, active, expiryDate, roleID
    }
}
