/// Iterates every element child as a list item, whatever its name (`<member>`, `<item>`, …).
struct XMLUnkeyedContainer: UnkeyedDecodingContainer {
    private let decoder: XMLNodeDecoder
    private var next: ElementRef?
    private(set) var currentIndex = 0

    init(decoder: XMLNodeDecoder) {
        self.decoder = decoder
        self.next = decoder.element?.firstChildElement
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var count: Int? { decoder.element?.childElementCount ?? 0 }

    var isAtEnd: Bool { next == nil }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) }
    mutating func decode(_ type: String.Type) throws -> String { try scalar(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (element, key) = try advance()
        return try decoder.decode(type, from: element, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (element, key) = try advance()
        return try decoder.childDecoder(for: element, key: key).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (element, key) = try advance()
        return try decoder.childDecoder(for: element, key: key).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (element, key) = try advance()
        return decoder.childDecoder(for: element, key: key)
    }

    private mutating func advance() throws -> (ElementRef, IndexKey) {
        let key = IndexKey(currentIndex)
        guard let element = next else {
            throw AWSXMLError(
                kind: .missingElement, path: AWSXMLError.render(codingPath + [key]),
                message: "the list has only \(currentIndex) items"
            )
        }
        next = element.nextSiblingElement
        currentIndex += 1
        return (element, key)
    }

    private mutating func scalar<T: XMLScalar>(_ type: T.Type) throws -> T {
        let (element, key) = try advance()
        return try decoder.scalar(type, from: element, key: key)
    }
}
