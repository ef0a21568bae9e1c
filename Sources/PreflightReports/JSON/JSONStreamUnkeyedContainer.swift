/// An unkeyed container of `JSONStreamEncoder`: each element goes to its `JSONStreamArray`.
struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let array: JSONStreamArray

    var codingPath: [any CodingKey] { array.stream.codingPath(array.pathLength) }
    var count: Int { array.count }

    mutating func encodeNil() throws {
        try array.add { $0.null() }
    }

    mutating func encode(_ value: Bool) throws {
        try array.add { $0.bool(value) }
    }

    mutating func encode(_ value: String) throws {
        try array.add { $0.string(value) }
    }

    mutating func encode(_ value: Double) throws {
        try array.add { try $0.number(value, codingPath: $0.codingPath($0.path.count)) }
    }

    mutating func encode(_ value: Float) throws {
        try array.add { try $0.number(value, codingPath: $0.codingPath($0.path.count)) }
    }

    mutating func encode(_ value: Int) throws { try integer(value) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }

    private func integer(_ value: some BinaryInteger) throws {
        try array.add { $0.integer(value) }
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try array.add { try JSONStreamEncoder.write(value, into: $0, depth: array.elementDepth) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        array.addNested().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        array.addNested().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        array.addNested()
    }
}
