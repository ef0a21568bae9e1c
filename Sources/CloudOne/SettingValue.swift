/// A system setting's value as the API returns it: `{"value": "…"}`, always a string.
public struct SettingValue: Codable, Sendable, Equatable {
    public var value: String

    public init(value: String) { self.value = value }
}
