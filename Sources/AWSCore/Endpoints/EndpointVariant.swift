/// Which of a service's endpoints to use: FIPS 140 validated, dual-stack (IPv4 and IPv6), both or neither.
public struct EndpointVariant: Sendable, Hashable {
    public var fips: Bool
    public var dualStack: Bool

    public init(fips: Bool = false, dualStack: Bool = false) {
        self.fips = fips
        self.dualStack = dualStack
    }

    public static let standard = Self()

    /// The variant's name in error messages.
    var name: String {
        switch (fips, dualStack) {
        case (true, true): "FIPS dual-stack"
        case (true, false): "FIPS"
        case (false, true): "dual-stack"
        case (false, false): "standard"
        }
    }
}
