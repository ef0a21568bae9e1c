/// An action Preflight itself calls for a check, and where: with the caller's credentials in the management (or
/// delegated administrator) account, or with the member role it assumes in each member account.
public struct AuditorPermission: Sendable, Hashable {
    /// Where Preflight sends the call.
    public enum Scope: String, Sendable, Hashable {
        case management
        case member
    }

    public var action: String
    public var scope: Scope

    public init(_ action: String, in scope: Scope) {
        self.action = action
        self.scope = scope
    }
}
