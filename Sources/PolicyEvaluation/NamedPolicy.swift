/// A policy document with the identity it is reported under (an SCP's id and name, a role policy's ARN and name…).
public struct NamedPolicy: Sendable, Equatable {
    public var id: String
    public var name: String
    public var document: PolicyDocument

    public init(id: String, name: String, document: PolicyDocument) {
        self.id = id
        self.name = name
        self.document = document
    }
}
