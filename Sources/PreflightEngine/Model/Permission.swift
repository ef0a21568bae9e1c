/// An IAM action on a resource (an ARN, an ARN template with `${…}` placeholders, or `*`).
public struct Permission: Sendable, Hashable {
    public var action: String
    public var resource: String

    public init(action: String, resource: String = "*") {
        self.action = action
        self.resource = resource
    }
}
