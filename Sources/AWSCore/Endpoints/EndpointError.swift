/// Why no endpoint could be built for a call.
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The region is not a region name (`Region.isValid`); the call is never sent.
        case invalidRegion
        /// FIPS or dual-stack was asked for, and the service has no such endpoint in the region.
        case unsupportedVariant
        /// An endpoint override or endpoint setting is unusable.
        case invalidSetting
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
