/// When a rule runs: before the stack is created, or after.
public enum Phase: String, Sendable, Codable, CaseIterable {
    case pre, post
}
