import Foundation

/// An `Encoder` that writes a value as `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` and ISO-8601 dates, byte for byte, into a `JSONStream`. Objects collect their members
/// and sort them when they end; arrays write each element as it comes, so the elements of an array that no object
/// encloses (`results` of a report) are handed to the sink as they are encoded, and the whole encoding is never held.
final class JSONStreamEncoder: Encoder {
    /// A member of the top-level object that is not encoded but written by `write`, straight into the sink.
    struct Splice {
        var key: String
        var write: () throws -> Void
    }

    /// What the encoded value asked for.
    enum Storage {
        case none
        case object(JSONStreamObject)
        case array(JSONStreamArray)
        case single
    }

    let stream: JSONStream
    /// The indentation level of the value.
    private(set) var depth: Int
    /// How many keys of `stream.path` lead to the value.
    private(set) var pathLength: Int
    /// Set for the top-level value of a sink's stream, whose object keeps its members until it ends.
    private(set) var isTopLevel = false
    private(set) var splice: Splice?
    private var storage = Storage.none

    init(stream: JSONStream, depth: Int, pathLength: Int) {
        self.stream = stream
        self.depth = depth
        self.pathLength = pathLength
    }

    /// Makes the encoder ready for another value.
    func reset(depth: Int, pathLength: Int) {
        self.depth = depth
        self.pathLength = pathLength
        storage = .none
    }

    /// Hands over the storage, leaving none.
    func takeStorage() -> Storage {
        defer { storage = .none }
        return storage
    }

    var codingPath: [any CodingKey] { stream.codingPath(pathLength) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Encodes `value` at indentation `depth` and hands every byte to `sink`. `splice` leaves the value of one member
    /// of the top-level object to its `write`, called once the bytes before it are in `sink`.
    static func encode(
        _ value: some Encodable, depth: Int = 0, splice: Splice? = nil, to sink: @escaping JSONStream.Sink
    ) throws {
        let stream = JSONStream(sink: sink)
        defer { stream.releaseSpares() }
        let encoder = JSONStreamEncoder(stream: stream, depth: depth, pathLength: 0)
        encoder.isTopLevel = true
        encoder.splice = splice
        try encoder.encode(value)
        try encoder.finish()
        try stream.flush()
    }

    /// Encodes `value` as a member or element at `depth` into `stream`, at its current path.
    static func write<Value: Encodable>(_ value: Value, into stream: JSONStream, depth: Int) throws {
        var encoder = stream.makeEncoder(depth: depth)
        try encoder.encode(value)
        try encoder.finish()
        stream.recycle(&encoder)
    }

    /// Encodes `value` as this encoder's value: dates, URLs and data as `JSONEncoder` writes them, anything else
    /// through its `encode(to:)`.
    func encode<Value: Encodable>(_ value: Value) throws {
        if Value.self == Date.self, let date = value as? Date {
            single().string(date.formatted(.iso8601))
        } else if Value.self == URL.self, let url = value as? URL {
            single().string(url.absoluteString)
        } else if Value.self == Data.self, let data = value as? Data {
            single().string(data.base64EncodedString())
        } else if Value.self == Decimal.self, let decimal = value as? Decimal {
            single().bytes.append(contentsOf: decimal.description.utf8)
        } else {
            try value.encode(to: self)
        }
    }

    /// Ends the value: closes its object or array, writes an empty object for a value that asked for nothing.
    func finish() throws {
        switch storage {
        case .none:
            stream.append("{\n")
            stream.close(UInt8(ascii: "}"), depth: depth)
        case .object(let object): try object.close()
        case .array(let array): try array.close()
        case .single: break
        }
        if let error = stream.deferredError {
            stream.deferredError = nil
            throw error
        }
    }

    /// The stream, for a value written as a scalar.
    func single() -> JSONStream {
        storage = .single
        return stream
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONStreamObject
        if case .object(let existing) = storage {
            object = existing
        } else {
            object = stream.makeObject(for: self)
            storage = .object(object)
        }
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONStreamArray
        if case .array(let existing) = storage {
            array = existing
        } else {
            array = stream.makeArray(for: self)
            storage = .array(array)
        }
        return JSONStreamUnkeyedContainer(array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValueContainer(encoder: self)
    }
}
