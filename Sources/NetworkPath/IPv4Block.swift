/// An IPv4 CIDR block (`10.0.0.0/16`; a bare address is a /32). The network model is IPv4 only: IPv6 routes, rules
/// and entries are left out of it.
public struct IPv4Block: Sendable, Hashable, CustomStringConvertible {
    /// The block's first address, host bits cleared.
    public let address: UInt32
    public let prefixLength: Int

    /// Every IPv4 address: the destination of a default route.
    public static let everywhere = IPv4Block(address: 0, prefixLength: 0)

    public init(address: UInt32, prefixLength: Int) {
        precondition((0...32) ~= prefixLength, "an IPv4 prefix length is 0 to 32")
        self.prefixLength = prefixLength
        self.address = address & Self.mask(prefixLength)
    }

    /// Parses `a.b.c.d/n` or `a.b.c.d`; nil for anything else (IPv6 included).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2) ~= parts.count, let address = Self.address(parts[0]) else { return nil }
        var length = 32
        if parts.count == 2 {
            guard (1...2) ~= parts[1].count, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                let parsed = Int(parts[1]), parsed <= 32
            else { return nil }
            length = parsed
        }
        self.init(address: address, prefixLength: length)
    }

    /// Whether every address of `other` lies in this block.
    public func contains(_ other: IPv4Block) -> Bool {
        other.prefixLength >= prefixLength && other.address & Self.mask(prefixLength) == address
    }

    public var description: String {
        let octets = stride(from: 24, through: 0, by: -8).map { String((address >> UInt32($0)) & 0xFF) }
        return octets.joined(separator: ".") + "/\(prefixLength)"
    }

    private static func mask(_ length: Int) -> UInt32 {
        length == 0 ? 0 : UInt32.max << UInt32(32 - length)
    }

    private static func address(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var address: UInt32 = 0
        for octet in octets {
            guard (1...3) ~= octet.count, octet.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(octet)
            else { return nil }
            address = address << 8 | UInt32(value)
        }
        return address
    }
}
