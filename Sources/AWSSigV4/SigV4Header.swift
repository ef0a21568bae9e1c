/// One HTTP header field; a request may hold several with the same name.
public struct SigV4Header: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
