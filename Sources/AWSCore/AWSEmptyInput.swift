/// The input of a JSON operation that takes no parameters: `{}`.
public struct AWSEmptyInput: Encodable, Sendable {
    public init() {}
}
