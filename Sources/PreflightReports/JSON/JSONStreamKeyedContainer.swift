/// A keyed container of `JSONStreamEncoder`: each member goes to its `JSONStreamObject`.
struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONStreamObject

    var codingPath: [any CodingKey] { object.stream.codingPath(object.pathLength) }

    mutating func encodeNil(forKey key: Key) throws {
        object.addNull(key.stringValue)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        object.add(key.stringValue, value) { $0.bool(value) }
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        object.add(key.stringValue, value) { $0.string(value) }
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try object.add(key.stringValue, value) { try $0.number(value, codingPath: $0.codingPath(object.pathLength, then: key)) }
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try object.add(key.stringValue, value) { try $0.number(value, codingPath: $0.codingPath(object.pathLength, then: key)) }
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { integer(value, key) }

    private func integer<Value: BinaryInteger & Encodable>(_ value: Value, _ key: Key) {
        object.add(key.stringValue, value) { $0.integer(value) }
    }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        try object.add(key.stringValue, value) { stream in
            stream.path.append(JSONStreamKey(key))
            try JSONStreamEncoder.write(value, into: stream, depth: object.memberDepth)
            stream.path.removeLast()
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        object.addNested(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        object.addNested(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        object.addNested(JSONStreamKey("super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        object.addNested(key)
    }
}
