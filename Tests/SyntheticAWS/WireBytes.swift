/// Response text built directly as UTF-8 bytes: string literals and interpolations append to a byte array, so
/// rendering a response costs copies rather than `String` operations.
///
/// Literals are `StaticString`s; interpolations take `String`, `Substring`, `Int` (decimal), other `WireBytes`,
/// fixed-width numbers (`\(hex: value, width: 8)`, `\(decimal: value, width: 11)`, zero-padded, never truncated)
/// and `AccountHole`s: a text rendered once for every account (a template) leaves the caller's account open and
/// `filled(account:)` writes it in per request.
struct WireBytes: ExpressibleByStringInterpolation, Sendable {
    /// A fixed-width, account-dependent part of a template.
    enum AccountHole: Sendable {
        /// The account index as 6 hex digits, as in instance and reservation ids.
        case accountHex
        /// The 12-digit account id.
        case accountId

        var width: Int {
            switch self {
            case .accountHex: 6
            case .accountId: 12
            }
        }
    }

    fileprivate struct Hole: Sendable {
        var offset: Int
        var kind: AccountHole
    }

    private(set) var bytes: [UInt8]
    private var holes: [Hole] = []

    init() {
        bytes = []
    }

    /// Text without holes.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(stringLiteral literal: StaticString) {
        bytes = []
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
        holes = stringInterpolation.holes
    }

    /// The text as a `String` (holes unfilled).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes with every hole filled for `account`.
    func filled(account: Int) -> [UInt8] {
        guard !holes.isEmpty else { return bytes }
        return [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            copyFilled(account: account, into: UnsafeMutableRawBufferPointer(buffer))
            count = bytes.count
        }
    }

    /// Copies the bytes with every hole filled for `account` to the start of `buffer`, which holds at least
    /// `bytes.count` bytes.
    func copyFilled(account: Int, into buffer: UnsafeMutableRawBufferPointer) {
        precondition(buffer.count >= bytes.count)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        var target = buffer
        for hole in holes {
            switch hole.kind {
            case .accountHex:
                Self.setDigits(UInt(account), radix: 16, width: 6, in: &target, at: hole.offset)
            case .accountId:
                target[hole.offset] = UInt8(ascii: "1")
                Self.setDigits(UInt(account), radix: 10, width: 11, in: &target, at: hole.offset + 1)
            }
        }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    static func += (text: inout WireBytes, other: WireBytes) {
        if !other.holes.isEmpty {
            let base = text.bytes.count
            text.holes.append(contentsOf: other.holes.map { Hole(offset: base + $0.offset, kind: $0.kind) })
        }
        text.bytes.append(contentsOf: other.bytes)
    }

    /// Appends `render(item)` for each item, with `separator` between them.
    mutating func append<Items: Sequence>(_ items: Items, separator: StaticString, _ render: (Items.Element) -> WireBytes) {
        var first = true
        for item in items {
            if !first { separator.withUTF8Buffer { bytes.append(contentsOf: $0) } }
            first = false
            self += render(item)
        }
    }

    /// Writes the lowercase digits of `value`, zero-padded to `width`, into `bytes[offset..<offset + width]`;
    /// `value` must fit.
    private static func setDigits<Bytes: MutableCollection<UInt8>>(
        _ value: UInt, radix: UInt, width: Int, in bytes: inout Bytes, at offset: Int
    ) where Bytes.Index == Int {
        var remaining = value
        var index = offset + width - 1
        while index >= offset {
            let digit = UInt8(truncatingIfNeeded: remaining % radix)
            bytes[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            remaining /= radix
            index -= 1
        }
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []
        fileprivate var holes: [Hole] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func appendInterpolation(_ literal: StaticString) {
            appendLiteral(literal)
        }

        mutating func appendInterpolation(_ text: String) {
            if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: text.utf8)
            }
        }

        mutating func appendInterpolation(_ text: Substring) {
            if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: text.utf8)
            }
        }

        mutating func appendInterpolation(_ text: WireBytes) {
            if !text.holes.isEmpty {
                let base = bytes.count
                holes.append(contentsOf: text.holes.map { Hole(offset: base + $0.offset, kind: $0.kind) })
            }
            bytes.append(contentsOf: text.bytes)
        }

        /// A hole of the template, filled by `filled(account:)`.
        mutating func appendInterpolation(_ hole: AccountHole) {
            holes.append(Hole(offset: bytes.count, kind: hole))
            for _ in 0..<hole.width { bytes.append(UInt8(ascii: "0")) }
        }

        mutating func appendInterpolation(_ value: Int) {
            if value < 0 {
                bytes.append(UInt8(ascii: "-"))
                appendDigits(value.magnitude, radix: 10, width: 1)
            } else {
                appendDigits(UInt(value), radix: 10, width: 1)
            }
        }

        mutating func appendInterpolation(hex value: Int, width: Int) {
            appendDigits(UInt(value), radix: 16, width: width)
        }

        mutating func appendInterpolation(decimal value: Int, width: Int) {
            appendDigits(UInt(value), radix: 10, width: width)
        }

        /// The lowercase digits of `value`, zero-padded to at least `width`.
        private mutating func appendDigits(_ value: UInt, radix: UInt, width: Int) {
            var count = 1
            var rest = value / radix
            while rest > 0 {
                count += 1
                rest /= radix
            }
            let total = max(count, width)
            let offset = bytes.count
            for _ in 0..<total { bytes.append(UInt8(ascii: "0")) }
            WireBytes.setDigits(value, radix: radix, width: total, in: &bytes, at: offset)
        }
    }
}
