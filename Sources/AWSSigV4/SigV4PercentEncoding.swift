/// The URI encoding SigV4 prescribes: every byte but `A–Z a–z 0–9 - . _ ~` becomes `%XX` (upper-case hex).
/// Use it to build query strings and form bodies that sign as sent.
public enum SigV4PercentEncoding {
    private static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes `string`'s UTF-8 bytes; `/` is kept when `encodeSlash` is false (for paths).
    public static func encode(_ string: String, encodeSlash: Bool = true) -> String {
        encode(bytes: string.utf8, encodeSlash: encodeSlash) ?? string
    }

    /// The encoding of `bytes`, or `nil` when they need none (so the caller can reuse its string).
    static func encode<Bytes: Collection<UInt8>>(bytes: Bytes, encodeSlash: Bool) -> String? {
        guard bytes.contains(where: { !isKept($0, encodeSlash: encodeSlash) }) else { return nil }
        return String(unsafeUninitializedCapacity: bytes.count * 3) { buffer in
            upperHexDigits.withUnsafeBufferPointer { digits in
                var index = 0
                for byte in bytes {
                    if isKept(byte, encodeSlash: encodeSlash) {
                        buffer[index] = byte
                        index += 1
                    } else {
                        buffer[index] = UInt8(ascii: "%")
                        buffer[index + 1] = digits[Int(byte >> 4)]
                        buffer[index + 2] = digits[Int(byte & 0x0F)]
                        index += 3
                    }
                }
                return index
            }
        }
    }

    /// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is, and `+` stays `+`.
    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                if first != bytes.endIndex, let high = hexValue(bytes[first]) {
                    let second = bytes.index(after: first)
                    if second != bytes.endIndex, let low = hexValue(bytes[second]) {
                        output.append(high << 4 | low)
                        index = bytes.index(after: second)
                        continue
                    }
                }
            }
            output.append(byte)
            index = bytes.index(after: index)
        }
        return output
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func isKept(_ byte: UInt8, encodeSlash: Bool) -> Bool {
        isUnreserved(byte) || (!encodeSlash && byte == UInt8(ascii: "/"))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
