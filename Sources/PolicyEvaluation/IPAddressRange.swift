import Foundation

/// An IPv4 or IPv6 CIDR block (`203.0.113.0/24`, `2001:db8::/32`; a bare address is a single-address block).
struct IPAddressRange: Equatable {
    var bytes: [UInt8]
    var prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let bytes = Self.address(parts[0]) else { return nil }
        let width = bytes.count * 8
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), let length = Int(parts[1]), (0...width) ~= length
            else { return nil }
            prefixLength = length
        } else {
            prefixLength = width
        }
        self.bytes = bytes
    }

    /// Whether `address` (an address of the same family) lies in this block.
    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == bytes.count else { return false }
        var remaining = prefixLength
        for (mine, theirs) in zip(bytes, address) where remaining > 0 {
            let bits = min(remaining, 8)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if mine & mask != theirs & mask {
                return false
            }
            remaining -= bits
        }
        return true
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address, `nil` when it is neither.
    static func address<S: StringProtocol>(_ text: S) -> [UInt8]? {
        text.contains(":") ? ipv6(Substring(text)) : ipv4(Substring(text))
    }

    private static func ipv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3) ~= part.count, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6(_ text: Substring) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = groups(Substring(halves[0])) else { return nil }
        var bytes = head
        if halves.count == 2 {
            guard let tail = groups(Substring(halves[1])), head.count + tail.count <= 14 else { return nil }
            bytes += [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        }
        return bytes.count == 16 ? bytes : nil
    }

    /// The bytes of colon-separated hex groups, the last of which may be a dotted IPv4 address.
    private static func groups(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, part.contains(".") {
                guard let tail = ipv4(part) else { return nil }
                bytes += tail
            } else {
                guard (1...4) ~= part.count, part.allSatisfy(\.isHexDigit), let value = UInt16(part, radix: 16)
                else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
        }
        return bytes
    }
}
