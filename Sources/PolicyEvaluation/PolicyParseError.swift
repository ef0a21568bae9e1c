/// Why a policy document could not be read: one line naming the statement and the element at fault.
public struct PolicyParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
