/// A Cloud One API key. It is sent in the `Authorization` header and nowhere else: its description is redacted, and
/// every error message of the client has it removed.
public struct CloudOneAPIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself; read it only to send it.
    public let secret: String

    /// `nil` when `text`, trimmed of surrounding white space and line breaks, is empty or spans several lines.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isNewline) else { return nil }
        self.secret = trimmed
    }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "[redacted]" }
}
