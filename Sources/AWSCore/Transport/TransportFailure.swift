/// Why a request got no complete response.
public struct TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case connectionFailed
        case connectionReset
        case timedOut
        case truncatedBody
        case responseTooLarge
        /// The responses of the calls in flight hold the whole shared byte budget.
        case overBudget
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail }
}
