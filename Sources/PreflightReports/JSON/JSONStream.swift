import Foundation

/// The bytes of a JSON encoding as `JSONEncoder` formats them with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, handed to a sink in chunks whenever no open object may still reorder them.
final class JSONStream {
    typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    /// Bytes buffered before they are handed to the sink.
    static let chunkSize = 1 << 16

    /// The bytes not yet handed to the sink.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// Where the bytes go; `nil` for a nested container's stream, whose bytes its parent splices in.
    private let sink: Sink?
    /// How many bytes the sink has been handed.
    private(set) var flushed = 0
    /// Open containers that will still rewrite buffered bytes: nothing is flushed while there is one.
    @exclusivity(unchecked) var pinned = 0
    /// The first error of a call that cannot throw (a nested container), thrown when the encoding ends.
    var deferredError: (any Error)?

    /// The coding path of the value being encoded, a key pushed for each member or element being encoded.
    @exclusivity(unchecked) var path: [JSONStreamKey] = []
    /// Encoders, objects, arrays and buffers done with, for the next values: a large report then encodes with almost
    /// no allocation.
    @exclusivity(unchecked) private var spareEncoders: [JSONStreamEncoder] = []
    @exclusivity(unchecked) private var spareObjects: [JSONStreamObject] = []
    @exclusivity(unchecked) private var spareArrays: [JSONStreamArray] = []
    @exclusivity(unchecked) private var spareBuffers: [[UInt8]] = []
    /// The sorted orders of the last objects' key lists: objects of one type mostly have the same keys in the same
    /// order, and are then not sorted again.
    @exclusivity(unchecked) private var orders: [(keys: [String], order: [Int], isIdentity: Bool)] = []
    private var nextOrder = 0

    init(sink: Sink?) {
        self.sink = sink
        bytes.reserveCapacity(sink == nil ? 256 : Self.chunkSize + 4096)
    }

    /// Whether the stream's first value may keep its members until it ends (it is the top level of the output).
    var streamsToSink: Bool { sink != nil }

    /// The offset in the whole output of the next byte.
    var position: Int { flushed + bytes.count }

    /// Hands the buffered bytes to the sink once a chunk is full and nothing will rewrite them.
    func flushIfFull() throws {
        if pinned == 0 && bytes.count >= Self.chunkSize { try flush() }
    }

    /// Hands the buffered bytes to the sink.
    func flush() throws {
        guard let sink, !bytes.isEmpty else { return }
        precondition(pinned == 0, "bytes an open container may reorder cannot be flushed")
        try bytes.withUnsafeBytes { try sink($0) }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Reuse

    /// An encoder for a value at `depth`, at the current `path`.
    func makeEncoder(depth: Int) -> JSONStreamEncoder {
        guard let encoder = spareEncoders.popLast() else {
            return JSONStreamEncoder(stream: self, depth: depth, pathLength: path.count)
        }
        encoder.reset(depth: depth, pathLength: path.count)
        return encoder
    }

    /// Takes back `encoder`, and its object or array, when nothing else refers to them.
    func recycle(_ encoder: inout JSONStreamEncoder) {
        guard isKnownUniquelyReferenced(&encoder) else { return }
        switch encoder.takeStorage() {
        case .object(var object) where isKnownUniquelyReferenced(&object): spareObjects.append(object)
        case .array(var array) where isKnownUniquelyReferenced(&array): spareArrays.append(array)
        default: break
        }
        spareEncoders.append(encoder)
    }

    func makeObject(for encoder: JSONStreamEncoder) -> JSONStreamObject {
        guard let object = spareObjects.popLast() else { return JSONStreamObject(encoder: encoder) }
        object.open(for: encoder)
        return object
    }

    func makeArray(for encoder: JSONStreamEncoder) -> JSONStreamArray {
        guard let array = spareArrays.popLast() else { return JSONStreamArray(encoder: encoder) }
        array.open(for: encoder)
        return array
    }

    /// Lets go of the spare encoders, objects and arrays, which refer to the stream.
    func releaseSpares() {
        spareEncoders = []
        spareObjects = []
        spareArrays = []
    }

    /// An empty buffer, to be handed back by `recycle(_:)`.
    func makeBuffer() -> [UInt8] {
        spareBuffers.popLast() ?? []
    }

    func recycle(_ buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        spareBuffers.append(buffer)
    }

    /// The order in which members with `keys` are written, and whether it is theirs, from `orders` when these keys
    /// were sorted before.
    func order(of keys: [String], sort: () -> [Int]) -> (order: [Int], isIdentity: Bool) {
        if let known = orders.first(where: { $0.keys == keys }) {
            return (known.order, known.isIdentity)
        }
        let order = sort()
        let entry = (keys: keys, order: order, isIdentity: order.elementsEqual(keys.indices))
        if orders.count < 16 {
            orders.append(entry)
        } else {
            orders[nextOrder] = entry
            nextOrder = (nextOrder + 1) % orders.count
        }
        return (order, entry.isIdentity)
    }

    /// The coding path of the first `length` keys of `path`, and `key` after them.
    func codingPath(_ length: Int, then key: (any CodingKey)? = nil) -> [any CodingKey] {
        path[..<length].map { $0 as any CodingKey } + (key.map { [$0] } ?? [])
    }

    // MARK: Layout

    func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Two spaces per level.
    func indent(_ depth: Int) {
        Self.indent(depth, into: &bytes)
    }

    static func indent(_ depth: Int, into bytes: inout [UInt8]) {
        for _ in 0..<depth {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    /// An object member's start at `depth`: the indentation, the quoted key and ` : `.
    func memberPrefix(_ key: String, depth: Int) {
        Self.indent(depth, into: &bytes)
        Self.string(key, into: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// A container's end: its members' last line ends, the closing bracket on a line of its own at `depth`; an empty
    /// container so spans the blank line `JSONEncoder` leaves in it.
    func close(_ bracket: UInt8, depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        Self.indent(depth, into: &bytes)
        bytes.append(bracket)
    }

    // MARK: Scalars

    func string(_ text: String) {
        Self.string(text, into: &bytes)
    }

    func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    func bool(_ value: Bool) {
        value ? append("true") : append("false")
    }

    func null() {
        append("null")
    }

    /// Swift's shortest round-trip form without a trailing `.0`, as `JSONEncoder` writes a floating-point number;
    /// infinities and NaN are refused as `JSONEncoder` refuses them.
    func number<Number: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: Number, codingPath: @autoclosure () -> [any CodingKey]
    ) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                .init(codingPath: codingPath(), debugDescription: "Unable to encode \(Number.self).\(value) directly in JSON."))
        }
        let text = value.description
        bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
    }

    /// A JSON string: quotes, backslashes and control characters escaped, everything else (`/` and non-ASCII
    /// included) as is.
    static func string(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte, into: &bytes)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the escape sequence of `byte`, a quote, a backslash or a control character.
    private static func escape(_ byte: UInt8, into bytes: inout [UInt8]) {
        let short: UInt8? = switch byte {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case UInt8(ascii: "\n"): UInt8(ascii: "n")
        case UInt8(ascii: "\r"): UInt8(ascii: "r")
        case UInt8(ascii: "\t"): UInt8(ascii: "t")
        default: nil
        }
        bytes.append(UInt8(ascii: "\\"))
        if let short {
            bytes.append(short)
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
