/// A single-value container of `JSONStreamEncoder`: the value is written where the encoder's value goes.
struct JSONStreamSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONStreamEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.single().null() }
    mutating func encode(_ value: Bool) throws { encoder.single().bool(value) }
    mutating func encode(_ value: String) throws { encoder.single().string(value) }
    mutating func encode(_ value: Double) throws { try encoder.single().number(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { try encoder.single().number(value, codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { encoder.single().integer(value) }
    mutating func encode(_ value: Int8) throws { encoder.single().integer(value) }
    mutating func encode(_ value: Int16) throws { encoder.single().integer(value) }
    mutating func encode(_ value: Int32) throws { encoder.single().integer(value) }
    mutating func encode(_ value: Int64) throws { encoder.single().integer(value) }
    mutating func encode(_ value: UInt) throws { encoder.single().integer(value) }
    mutating func encode(_ value: UInt8) throws { encoder.single().integer(value) }
    mutating func encode(_ value: UInt16) throws { encoder.single().integer(value) }
    mutating func encode(_ value: UInt32) throws { encoder.single().integer(value) }
    mutating func encode(_ value: UInt64) throws { encoder.single().integer(value) }

    /// `value` in this encoder's place: a container it asks for opens at this encoder's depth.
    mutating func encode<Value: Encodable>(_ value: Value) throws {
        _ = encoder.single()
        try JSONStreamEncoder.write(value, into: encoder.stream, depth: encoder.depth)
    }
}
