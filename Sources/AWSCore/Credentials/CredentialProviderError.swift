/// Why a credential provider produced no credentials.
public struct CredentialProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The provider's source is absent (no variables, no file, no endpoint): the chain tries the next one.
        case notFound
        /// The source exists but is unusable (malformed file, failed process, refused request): the chain stops.
        case invalid
    }

    public var kind: Kind
    /// Which provider failed, for example `environment` or `profile dev in ~/.aws/config`.
    public var provider: String
    public var message: String

    public init(_ kind: Kind, provider: String, message: String) {
        self.kind = kind
        self.provider = provider
        self.message = message
    }

    public var description: String { "\(provider): \(message)" }
}
